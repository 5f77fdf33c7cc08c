// The scenario kit: what the first view of the canvas does not need (the YAML parser, the built-in
// scenarios, the lessons, share links and the YAML export). The app loads it as its own chunk, after
// the first view or when a command needs it (src/store/kit-loader.ts); Node code may import it directly.
import '../kubelet/prober-install';
import '../controllers/discovery-install';
import '../apiserver/validation-install';
export { listScenarios, getScenario, type BuiltinScenario } from './scenarios';
export { loadScenario, type LoadResult } from './load';
export { listLessons, getLesson, lessonsForScenario, advanceLesson, OBJECTIVES, type Lesson } from './lessons';
export { encodeShare, decodeShare, shareFromState, rebuildFromShare, traceFromShare } from './share';
export { stateToScenarioYaml } from './export-yaml';
export { validatePayload } from './share-validate';
