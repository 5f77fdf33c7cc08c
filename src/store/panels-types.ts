import type { EditRequest } from '../sim/shell';
// The "look inside" panels' part of the store: the bottom panel (which tab, how tall, open or not),
// the hop being inspected, the console's shell session and screen, and the YAML editor.
import type { Session, WatchSpec } from '../sim/shell';

export type PanelTab = 'hop' | 'rules' | 'events' | 'discovery' | 'console' | 'yaml';
export const PANEL_TABS: readonly PanelTab[] = ['hop', 'rules', 'events', 'discovery', 'console', 'yaml'];

export const PANEL_MIN_HEIGHT = 160;
export const PANEL_MAX_HEIGHT = 900;
export const PANEL_DEFAULT_HEIGHT = 380;

export interface EventFilter {
  text: string;
  /** all, Normal, Warning, or the simulator's own records */
  type: 'all' | 'Normal' | 'Warning' | 'sim';
  /** an involved object's kind, or all */
  kind: string;
}

export interface PanelsSlice {
  panel: { open: boolean; height: number; tab: PanelTab };
  /** the hop shown in the hop inspector */
  inspected: { requestId: number; hop: number } | null;
  /** the node whose kube-proxy rules the Rules tab shows (null: follow the inspected hop / selection) */
  rulesNode: string | null;
  /** ns/name of the Pod the Discovery tab looks at (null: the selected Pod, else busybox) */
  discoveryPod: string | null;
  eventFilter: EventFilter;
  setPanelOpen: (open: boolean) => void;
  setPanelHeight: (height: number) => void;
  /** switch tab (and open the panel) */
  showPanel: (tab: PanelTab) => void;
  /** open the hop inspector on hop `hop` of request `requestId` */
  inspectHop: (requestId: number, hop: number) => void;
  setRulesNode: (node: string | null) => void;
  setDiscoveryPod: (key: string | null) => void;
  setEventFilter: (f: Partial<EventFilter>) => void;
}

export interface ConsoleLine {
  id: number;
  /** cmd: what the user typed (with its prompt); out / err: the command's stdout / stderr */
  kind: 'cmd' | 'out' | 'err';
  text: string;
}

export interface ConsoleSlice {
  /** session: null until the first command (a fresh root shell on the control-plane node) */
  /** watch: a running `kubectl get -w` (each change printed until Ctrl+C) */
  console: { session: Session | null; lines: ConsoleLine[]; seq: number; watch: WatchSpec | null };
  /** run one line in the console's shell; the cluster changes inside the same action */
  runConsole: (line: string) => void;
  clearConsole: () => void;
  /** Ctrl+C: stops a running watch; at the prompt, the line as typed (`shown`, prompt included) is left on screen with ^C, not run */
  interruptConsole: (shown: string) => void;
  /** print what changed for a running `kubectl get -w` (called when the cluster changes) */
  pollWatch: () => void;
}

export interface YamlMessage {
  /** 1-based line and column in the editor's text, when known */
  line?: number;
  col?: number;
  text: string;
  kind: 'error' | 'warning' | 'ok' | 'info';
}

export interface YamlResult {
  mode: 'apply' | 'import';
  /** whether anything was written to the cluster */
  applied: boolean;
  messages: YamlMessage[];
  /** fields and objects the import left out, in the parser's words */
  ignored: string[];
}

export interface YamlSlice {
  /** editing: a `kubectl edit` from the console waits for this editor (Save applies, Cancel discards) */
  yaml: { text: string; result: YamlResult | null; source: string; editing?: EditRequest | null };
  /** end the console's `kubectl edit`: save the editor's text (as the editor's :wq would) or cancel */
  finishYamlEdit: (save: boolean) => void;
  setYamlText: (text: string, source?: string) => void;
  /** `kubectl apply -f` the editor's documents (import: tolerate and name server-set fields) */
  applyYaml: (mode: 'apply' | 'import') => void;
}

export type PanelsStore = PanelsSlice & ConsoleSlice & YamlSlice;
