// The engine's public surface. Everything here runs unchanged in Node and in the browser.
// Mutating functions take a ClusterState (or an immer draft of one); callers that need the previous
// state intact wrap them in immer's produce (the store does).
export type * from './model/types';
export type * from './model/state';
export type * from './net/trace-types';
export { hopRuleText } from './net/hop-text';
export type * from './model/iptables';
export { KINDS } from './model/types';
export { key } from './model/state';
export { podStatusReason } from './model/pod-status';
export { objKey, matchesLabels, matchesSelector, allObjects, clone } from './model/meta';
export { parseSelector } from './model/selector';
export { createCluster, DEFAULT_SETTINGS, addNodeObject, nodeIPFor } from './cluster';
export { advance, settle, reconcile, nextWake, reconcileInputs } from './step';
export { keepPods, withKeptPods, podList, type PodPass } from './model/pod-list';
export {
  writeObject,
  deleteObject,
  scaleDeployment,
  setLabels,
  getObject,
  removePod,
  type WriteResult,
  type DeleteResult,
} from './apiserver/api';
export type { ApiError } from './apiserver/errors';
export { tracePacket, nodeOfPodIP, localAddrs, type Source, type Target } from './net/trace';
export { meetCluster, mayMeetChange } from './net/midflight';
export { resolve, query, type Resolution, type DnsAnswer } from './net/dns';
export { conntrackList } from './net/conntrack';
export { podResolv, renderResolv, nodeResolv } from './kubelet/resolv';
export { computeServiceEnv, serviceEnv } from './kubelet/envvars';
export { listeningPorts, httpBody } from './kubelet/images';
export { nodeIP, isNodeReady, isPodReady } from './model/facts';
export { slicesOf } from './controllers/endpointslice';
export { defaultCluster, applyAll, clusterFromObjects } from './scenario/apply';
export { settingsFrom } from './scenario/settings-from';
export { DEFAULT_SCENARIO_ID, DEFAULT_SCENARIO_TITLE } from './scenario/builtin/default-objects';
export { humanDuration, rfc3339, MAX_CLOCK_MS, MAX_EPOCH_MS } from './time/clock';
export { random, randomInt } from './time/rng';
export { cidrContains, isIPv4 } from './lib/ip';
export * as actions from './actions';
// Scenarios, lessons and share links: types only. Their code is the scenario kit
// (./scenario/kit), which the app loads after its first view.
export type { ParsedManifests, ManifestError } from './scenario/manifest';
export type { BuiltinScenario } from './scenario/scenarios';
export type { Lesson, LessonStep, LessonContext, ObjectiveId } from './scenario/lessons';
export type {
  SharePayload,
  ShareSettings,
  ShareTrace,
  ShareError,
  ShareErrorCode,
  DecodeResult,
  ShareBuild,
  ShareOptions,
} from './scenario/share';
export type { YamlExportOptions } from './scenario/export-yaml';
export type { Manifest } from './scenario/user-objects';
export { traceEstablished } from './net/established';
