// The engine's public surface. Everything here runs unchanged in Node and in the browser.
// Mutating functions take a ClusterState (or an immer draft of one); callers that need the previous
// state intact wrap them in immer's produce (the store does).
export type * from './model/types';
export type * from './model/state';
export type * from './net/trace-types';
export type * from './kubeproxy/types';
export { KINDS } from './model/types';
export { key } from './model/state';
export { objKey, matchesLabels, matchesSelector, parseSelector, allObjects, clone } from './model/meta';
export { createCluster, DEFAULT_SETTINGS, addNodeObject, nodeIPFor } from './cluster';
export { advance, settle, reconcile, nextWake } from './step';
export { writeObject, deleteObject, scaleDeployment, setLabels, getObject, removePod, type WriteResult, type DeleteResult } from './apiserver/api';
export type { ApiError } from './apiserver/errors';
export { tracePacket, nodeOfPodIP, localAddrs, type Source, type Target } from './net/trace';
export { resolve, query, type Resolution, type DnsAnswer } from './net/dns';
export { conntrackList } from './net/conntrack';
export { podResolv, renderResolv, nodeResolv } from './kubelet/resolv';
export { computeServiceEnv, serviceEnv } from './kubelet/envvars';
export { listeningPorts, httpBody } from './kubelet/images';
export { nodeIP } from './kubelet/kubelet';
export { isNodeReady } from './controllers/scheduler';
export { isPodReady } from './controllers/replicaset';
export { slicesOf } from './controllers/endpointslice';
export { parseManifests, type ParsedManifests, type ManifestError } from './scenario/manifest';
export { loadScenario, defaultCluster, applyAll, settingsFrom } from './scenario/load';
export { DEFAULT_SCENARIO } from './scenario/builtin/default';
export { humanDuration, rfc3339 } from './time/clock';
export { random, randomInt } from './time/rng';
export { cidrContains, isIPv4 } from './net/ip';
export * as actions from './actions';
// Scenarios, lessons and share links (src/sim/scenario).
export { listScenarios, getScenario, DEFAULT_SCENARIO_ID, type BuiltinScenario } from './scenario/scenarios';
export { listLessons, getLesson, lessonsForScenario, checkStep, advanceLesson, OBJECTIVES, type Lesson, type LessonStep, type LessonContext, type ObjectiveId } from './scenario/lessons';
export { encodeShare, decodeShare, shareFromState, scenarioFromShare, rebuildFromShare, traceFromShare, settingsDiff, SHARE_VERSION, type SharePayload, type ShareSettings, type ShareTrace, type ShareError, type ShareErrorCode, type DecodeResult, type ShareBuild, type ShareOptions } from './scenario/share';
export { stateToScenarioYaml, type YamlExportOptions } from './scenario/export-yaml';
export { userObjects, toManifest, type Manifest } from './scenario/user-objects';
export { traceEstablished } from './net/established';
