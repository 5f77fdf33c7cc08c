// Works offline once loaded: the code the first view does not need (each bottom-panel tab, the shell,
// the scenario kit with the YAML parser, lessons and share links, the packet tracer and its layer)
// is split out so the canvas appears sooner, then fetched here while the page is idle. A tab first
// opened after the network is gone then finds its module already loaded instead of failing to fetch it.
// Keep this list in step with the lazy imports (e2e/security.spec.ts opens every tab offline).
import { kit } from '../store/kit-loader';
import { yamlApply } from '../store/yaml-slice';
import { tracer } from '../store/tracer-loader';
import { lessonModule } from '../store/lesson-slice';
const LATER = [
  () => kit.load(),
  () => tracer.load(),
  () => import('./canvas/packets/PacketLayer'),
  () => import('./dock/ClusterControls'),
  () => import('./panels/console/ConsolePanel'),
  () => import('./panels/HopInspector'),
  () => import('./panels/rules/RulesView'),
  () => import('./panels/discovery/DiscoveryPanel'),
  () => import('./panels/EventLog'),
  () => import('./panels/yaml/YamlPanel'),
  () => import('../sim/shell'),
  () => yamlApply.load(),
  () => import('./scenario/LessonsBody'),
  () => lessonModule.load(),
  () => import('./scenario/ShareDialog'),
  () => import('./scenario/ExportPanel'),
  () => import('./dock/SelectionDetails'),
  () => import('./scenario/ShortcutsDialog'),
  () => import('./dock/TraceExtras'),
  () => import('./scenario/SaveAlerts'),
  // the engine Worker (opening and making links, a long YAML apply): started, so its code is in too
  () => import('../store/offload').then((m) => m.warmEngineWorker()),
];

/** Load them when the page is first idle; <html data-later-chunks> says when they are in (or failed). */
export function preloadLaterChunks(): void {
  const load = () => {
    void Promise.all(LATER.map((chunk) => chunk())).then(
      () => void (document.documentElement.dataset.laterChunks = 'loaded'),
      () => void (document.documentElement.dataset.laterChunks = 'failed'), // offline already: a tab will say so
    );
  };
  if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 1000 });
  else setTimeout(load, 500);
}
