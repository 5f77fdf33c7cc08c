// The packet tracer: what a request needs (tracePacket, the mid-flight check, the cluster DNS a
// "Service DNS name" target is resolved with). The first view draws the cluster without sending
// anything, so the app loads this as its own chunk (store/tracer-loader.ts) and a request waits for it;
// the shell, the scenario kit, the CLI and the tests import it directly.
export { tracePacket } from './net/trace';
export { meetCluster, mayMeetChange } from './net/midflight';
export { resolve } from './net/dns';
export { podResolv } from './kubelet/resolv';
