// The scenario picker in the top bar: every built-in scenario with its title and description. Opening
// one replaces the cluster; Undo brings the previous one back.
import { useStore } from '../../store';
import { LoadProblem, useLazy } from '../lazy-part';
import { kit as kitModule } from '../../store/kit-loader';
import { Popover } from './Popover';

export function ScenarioPicker() {
  const title = useStore((s) => s.scenario.title);
  const current = useStore((s) => s.scenario.id);
  const load = useStore((s) => s.loadScenario);
  return (
    <Popover
      label="Scenarios"
      className="scenario-picker"
      testId="scenario-picker"
      title="Choose a built-in scenario"
      buttonText={
        <>
          <span className="bar-btn-kicker">Scenario</span>
          <span className="bar-btn-main" data-testid="scenario-title">
            {title}
          </span>
          <span aria-hidden="true" className="caret">
            {'\u25BE'}
          </span>
        </>
      }
    >
      {(close) => <ScenarioList current={current} load={load} close={close} />}
    </Popover>
  );
}

function ScenarioList({
  current,
  load,
  close,
}: {
  current: string | null;
  load: (id: string) => void;
  close: () => void;
}) {
  const { loaded: kit, error } = useLazy(kitModule);
  if (error && !kit)
    return <LoadProblem what="the scenarios" error={error} retry={() => void kitModule.load().catch(() => {})} />;
  if (!kit)
    return (
      <p className="popover-note" role="status">
        Loading the scenarios{'\u2026'}
      </p>
    );
  return (
    <>
      <p className="popover-note">Opening a scenario replaces the cluster. Undo (Ctrl+Z) brings back what you had.</p>
      <ul className="scenario-list" aria-label="Built-in scenarios">
        {kit.listScenarios().map((sc) => {
          const lessons = kit.lessonsForScenario(sc.id).length;
          return (
            <li key={sc.id}>
              <button
                type="button"
                className="scenario-item"
                aria-current={sc.id === current ? 'true' : undefined}
                data-scenario={sc.id}
                onClick={() => {
                  load(sc.id);
                  close();
                }}
              >
                <span className="scenario-item-head">
                  <span className="scenario-item-title">{sc.title}</span>
                  <span className="scenario-item-chapter">{sc.chapter}</span>
                </span>
                <span className="scenario-item-desc">{sc.description}</span>
                {lessons > 0 && (
                  <span className="scenario-item-lessons">{lessons === 1 ? '1 lesson' : `${lessons} lessons`}</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
