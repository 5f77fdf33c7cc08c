// A troubleshooting challenge ("Fix this Service"): a broken cluster, a story that tells the symptom,
// objectives judged by what the cluster does, progressive hints, a walkthrough and a solution.
// The file format is documented in docs/challenges.md; format.ts reads and checks it.

/** What the objective's command must do, over all of its runs. Every field given must hold. */
export interface Expect {
  /** connections the command made (not DNS lookups): all delivered, none delivered, or at least N delivered */
  delivered?: 'all' | 'none' | number;
  /** at least this many different Pods answered */
  pods?: number;
  /** every Pod that answered carries these labels (a selector: app=web,tier=front) */
  podLabels?: string;
  /** every Pod that answered saw the client's own address (no masquerading) */
  sourceSeen?: 'client';
  /** every run exited with this code */
  exitCode?: number;
  /** every run's output (stdout and stderr) matches this regular expression */
  output?: string;
}

export interface Objective {
  /** what the learner reads: the behaviour, never the cause */
  text: string;
  /** a shell line typed at root@master:~# (kubectl exec …, ssh client curl …), run on a copy of the cluster */
  run: string;
  /** how many times to run it (default 1) */
  times: number;
  expect: Expect;
}

export interface WalkthroughStep {
  text: string;
  /** the command this step runs, if any */
  command?: string;
}

export interface Challenge {
  name: string;
  title: string;
  /** 1 (a first look) to 3 (several places to look) */
  level: number;
  /** the symptom as a user reports it */
  story: string;
  /** a built-in scenario's id, or a scenario file's text (multi-document YAML) */
  scenario: string;
  /** shell lines run on master after the scenario loads (the breakage); the cluster settles after each */
  setup: string[];
  objectives: Objective[];
  hints: string[];
  walkthrough: WalkthroughStep[];
  /** shell lines that fix it (kubesim --verify runs them in the tests) */
  solution: string[];
  /** the file's text, as read (export prints it) */
  source?: string;
}

export interface ObjectiveResult {
  text: string;
  met: boolean;
  /** why not, in a sentence (what the runs did) */
  detail: string;
}
