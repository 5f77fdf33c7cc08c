// The scenario kit: what the first view of the canvas does not need (the YAML parser, the built-in
// scenarios, the lessons, share links and the YAML export). The app loads it as its own chunk, after
// the first view or when a command needs it (src/store/kit-loader.ts); Node code may import it directly.
export { listScenarios, getScenario, type BuiltinScenario } from './scenarios';
export { loadScenario, type LoadResult } from './load';
export { parseManifests, type ParsedManifests, type ManifestError } from './manifest';
export { listLessons, getLesson, lessonsForScenario, checkStep, advanceLesson, OBJECTIVES, type Lesson } from './lessons';
export { encodeShare, decodeShare, shareFromState, scenarioFromShare, rebuildFromShare, traceFromShare, settingsDiff, SHARE_VERSION } from './share';
export { stateToScenarioYaml, type YamlExportOptions } from './export-yaml';
export { userObjects, toManifest, type Manifest } from './user-objects';
export { DEFAULT_SCENARIO } from './builtin/default';
