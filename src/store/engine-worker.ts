// The engine Worker's entry (a module Worker from the page's own origin, started by offload.ts): every
// engine part the work may need (kube-proxy's nftables mode too), and the requests answered in order.
/// <reference lib="webworker" />
import '../sim/nftables';
import { handleRequest } from './offload-work';
import type { WorkerReply, WorkerRequest } from './offload';

declare const self: DedicatedWorkerGlobalScope;
const scope = self;
let queue = Promise.resolve();
scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  queue = queue.then(() => handleRequest(e.data, (m: WorkerReply) => scope.postMessage(m)));
};
