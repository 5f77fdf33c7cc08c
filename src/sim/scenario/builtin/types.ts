// A built-in scenario: the YAML a learner starts from, with the words the scenario picker shows.
export interface BuiltinScenario {
  /** stable id, used in share links and lessons: never rename one */
  id: string;
  title: string;
  /** one paragraph: what is in the cluster and what to try */
  description: string;
  /** the part of the chapter it illustrates */
  chapter: string;
  /** multi-document YAML: an optional Playground document, then Kubernetes objects `kubectl apply -f` accepts */
  yaml: string;
}
