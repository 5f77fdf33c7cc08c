// Parts of the engine the first view of the canvas does not need, installed when the code that can
// bring them into play loads (the shell, the scenario kit): kubelet's prober (only Pods with probes use
// it), the EndpointSlice mirroring controller and the discovery objects' defaults and validation (only
// hand-written EndpointSlices and v1 Endpoints use them). Keeping them out of the first chunk keeps the
// app's initial JavaScript within its budget. Node code (tests, the CLI) installs them by importing
// kubelet/prober-install and controllers/discovery-install, which the shell and the kit also do.
import type { ClusterState, PodRuntime } from './state';
import type { EndpointSlice, EndpointsV1, KubeObject, Pod } from './types';

/** What a due probe tick did: nothing visible, the published result changed, or the container must restart. */
export type TickEffect = 'none' | 'changed' | { kill: 'readiness' | 'liveness' | 'startup'; container: string };

export interface ProberHooks {
  start(pod: Pod, rt: PodRuntime, now: number): void;
  tick(s: ClusterState, pod: Pod, rt: PodRuntime): TickEffect;
  wake(rt: PodRuntime): number | null;
  unsettled(s: ClusterState, pod: Pod, rt: PodRuntime): boolean;
  state(rt: PodRuntime, container: string): { started: boolean; ready: boolean };
}

/** A field error as the apiserver's validation returns it (apiserver/fielderrors FieldError). */
export interface ExtFieldError {
  type:
    | 'Required value'
    | 'Invalid value'
    | 'Unsupported value'
    | 'Duplicate value'
    | 'Forbidden'
    | 'Too long'
    | 'Not found'
    | 'Internal error';
  field: string;
  value?: unknown;
  detail?: string;
}

export interface DiscoveryHooks {
  defaultSlice(e: EndpointSlice): EndpointSlice;
  validateSlice(e: EndpointSlice, old?: EndpointSlice): ExtFieldError[];
  defaultEndpoints(e: EndpointsV1): EndpointsV1;
  validateEndpoints(e: EndpointsV1, old?: EndpointsV1): ExtFieldError[];
}

/**
 * The apiserver's validation of the core and apps kinds (apiserver/validation-install). Without it the
 * apiserver skips validation: only the first view's built-in objects and the controllers' own writes
 * (always valid) happen then; the store loads the kit before any write with user-chosen values.
 */
export interface ValidationHooks {
  validate(obj: KubeObject, old: KubeObject | undefined): ExtFieldError[];
  /** a new Service's loose pre-validation in the allocator (initIPFamilyFields), before allocation */
  preAllocate(obj: KubeObject): ExtFieldError[];
  /** what the apiserver warns about an object it accepts (the strategy's WarningsOnCreate/OnUpdate) */
  warnings(obj: KubeObject): string[];
}

export const extensions: {
  prober?: ProberHooks;
  discovery?: DiscoveryHooks;
  validation?: ValidationHooks;
  /** controllers run after the built-in ones, in the order installed */
  controllers: ((s: ClusterState) => boolean)[];
} = { controllers: [] };
