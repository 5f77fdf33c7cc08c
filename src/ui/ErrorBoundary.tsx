// A rendering error never leaves a blank page: the broken area (or the whole app) is replaced by a
// message that offers the scenario as YAML to download, so a teacher's setup survives, and ways back:
// try again, reload, or start over from the default scenario.
import { Component, useEffect, useMemo, type ErrorInfo, type ReactNode } from 'react';
import { useStore } from '../store';
import { more, noteCrash, stopSaving } from '../store/persist';
import { useLazy } from './lazy-part';
import { kit as kitModule } from '../store/kit-loader';
import type { Kit } from '../store/kit-loader';
import './error-boundary.css';

/**
 * Test hook: when localStorage holds this key with an area's name, that area throws while rendering,
 * so the e2e test can see the recovery screen. A link cannot set localStorage, and the hook only throws
 * a fixed error: it runs nothing it is given.
 */
export const TEST_CRASH_KEY = 'k8s-services-playground:test-crash';

function testCrashArea(): string | null {
  try {
    return localStorage.getItem(TEST_CRASH_KEY);
  } catch {
    return null;
  }
}
const CRASH_AREA = testCrashArea();

function CrashProbe({ area }: { area: string }) {
  if (CRASH_AREA === area) throw new Error(`test crash in ${area} (${TEST_CRASH_KEY} is set)`);
  return null;
}

/** The current scenario as YAML, or null when even that fails (the state itself may be what broke). */
function scenarioYaml(kit: Kit): string | null {
  try {
    return kit.stateToScenarioYaml(useStore.getState().cluster);
  } catch (e) {
    console.error('the scenario could not be exported', e);
    return null;
  }
}

function startOver() {
  // The saved work may be what keeps failing: it is set aside (the next page offers it as a download,
  // never deletes it silently), this page writes nothing more, and any link is dropped.
  const m = more.loaded();
  if (m) m.setAsideAndStop();
  else stopSaving();
  location.assign(location.pathname);
}

function restoreGood() {
  // the failing save is kept aside; the last work that was drawn without a crash comes back
  if (more.loaded()?.restoreLastGood()) location.assign(location.pathname);
}

function Recovery({ area, label, error, retry }: { area: string; label: string; error: Error; retry: () => void }) {
  // the YAML export is in the scenario kit, normally loaded long before anything breaks
  const { loaded: kit, error: kitError } = useLazy(kitModule);
  const href = useMemo(() => {
    const yaml = kit && scenarioYaml(kit);
    return yaml ? URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' })) : null;
  }, [kit]);
  useEffect(() => () => void (href && URL.revokeObjectURL(href)), [href]);
  const { loaded: saving } = useLazy(more);
  const good = useMemo(() => saving?.lastGoodWork() != null, [saving]);
  const canUndo = useStore((s) => s.past.length > 0 && !s.readOnly);
  return (
    <div
      className={`crash crash-${area === 'app' ? 'page' : 'area'}`}
      role="alert"
      data-testid="crash"
      data-area={area}
    >
      <div className="crash-card">
        <h2 className="crash-title">Something went wrong while drawing {label}.</h2>
        <p>
          The cluster is still in memory. Download it as YAML to keep it (you can import it again from the YAML panel),
          then restore your last good work, try again, reload the page, or start over (your save is then kept aside, not
          deleted).
        </p>
        <p className="crash-detail mono" data-testid="crash-detail">
          {error.message}
        </p>
        <div className="crash-actions">
          {good && (
            <button type="button" className="crash-btn primary" onClick={restoreGood} data-testid="crash-restore-good">
              Restore my last good work
            </button>
          )}
          {canUndo && (
            <button
              type="button"
              className="crash-btn"
              onClick={() => {
                useStore.getState().undo();
                retry();
              }}
              data-testid="crash-undo"
            >
              Undo the last change
            </button>
          )}
          {href ? (
            <a className="crash-btn primary" href={href} download="scenario.yaml" data-testid="crash-export">
              Download scenario (YAML)
            </a>
          ) : (
            <span className="crash-note">
              {kit || kitError ? 'The scenario could not be exported.' : 'Preparing the YAML export…'}
            </span>
          )}
          <button type="button" className="crash-btn" onClick={retry} data-testid="crash-retry">
            Try again
          </button>
          <button type="button" className="crash-btn" onClick={() => location.reload()} data-testid="crash-reload">
            Reload page
          </button>
          <button type="button" className="crash-btn" onClick={startOver} data-testid="crash-reset">
            Start over (default scenario)
          </button>
        </div>
      </div>
    </div>
  );
}

interface Props {
  /** 'app' for the whole page; otherwise the area's name (canvas, dock, …) */
  area: string;
  /** how the message names the area: "the canvas" */
  label: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    noteCrash();
    console.error(`rendering ${this.props.label} failed`, error, info.componentStack);
  }

  override render() {
    const { area, label, children } = this.props;
    if (this.state.error)
      return (
        <Recovery area={area} label={label} error={this.state.error} retry={() => this.setState({ error: null })} />
      );
    return (
      <>
        <CrashProbe area={area} />
        {children}
      </>
    );
  }
}
