// What a share link carries: the user's objects and the cluster's settings, never what the simulator
// derives from them; optionally where the learner is in a lesson and which request they selected.
import type { ClusterSettings } from '../model/state';
import type { Source, Target } from '../net/trace';
import type { Manifest } from './user-objects';

/** Settings that differ from DEFAULT_SETTINGS (kubeProxy field by field). */
export type ShareSettings = {
  [K in keyof ClusterSettings]?: K extends 'kubeProxy' ? Partial<ClusterSettings['kubeProxy']> : ClusterSettings[K];
};

export interface ShareTrace {
  source: Source;
  target: Target;
  /** the random generator's state to trace with, so the recipient's request picks the same endpoint */
  rng?: number;
}

export interface SharePayload {
  /** manifests as the user applied them, in creation order */
  objects: Manifest[];
  settings: ShareSettings;
  lesson?: { id: string; step: number };
  trace?: ShareTrace;
  /**
   * Where the Pods were: [namespace/name, node, IP] each. Present only when replaying the objects does
   * not give the same Pods (a replacement or a scale-up drew its name after the objects were applied):
   * the rebuild then uses these names, nodes and addresses (ClusterState.hints).
   */
  pods?: [string, string, string][];
}

export type ShareErrorCode = 'malformed' | 'truncated' | 'version' | 'damaged' | 'too-large' | 'forbidden' | 'invalid';

export interface ShareError {
  code: ShareErrorCode;
  /** one or two sentences for the person who opened the link */
  message: string;
}

export type DecodeResult = { ok: true; payload: SharePayload; version: number } | { ok: false; error: ShareError };
