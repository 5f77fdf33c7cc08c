// Title, playback (play/pause, one hop back/forward, speed) and the virtual clock.
import { useStore, SPEEDS } from '../store';
import { PauseIcon, PlayIcon, StepBackIcon, StepForwardIcon } from './icons';
import { ScenarioPicker } from './scenario/ScenarioPicker';
import { ScenarioTools } from './scenario/ScenarioTools';
import { EMBED, fullAppUrl } from './embed';
import { playback } from './playback';

function Clock() {
  const tenths = useStore((s) => Math.floor(s.cluster.now / 100));
  const epoch = useStore((s) => s.cluster.settings.epoch);
  const wall = new Date(epoch + tenths * 100).toISOString().slice(11, 19);
  return (
    <div className="clock" title="virtual time since the scenario started" data-testid="clock">
      <span className="clock-t">t = {(tenths / 10).toFixed(1)} s</span>
      <span className="clock-wall mono">{wall}</span>
    </div>
  );
}

export function TopBar() {
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  const { play, pause, setSpeed } = useStore.getState();
  const step = (d: 1 | -1) => playback.step(d);
  return (
    <header className="topbar">
      <h1 className="title">
        <span className="logo" aria-hidden="true">
          {'\u2388'}
        </span>{' '}
        Kubernetes Services Playground
      </h1>
      <ScenarioPicker />
      <div className="playback" role="group" aria-label="Playback">
        <button
          type="button"
          className="icon-btn"
          onClick={() => step(-1)}
          aria-label="Previous hop"
          title="Step the latest packet one hop back"
        >
          <StepBackIcon />
        </button>
        {playing ? (
          <button
            type="button"
            className="icon-btn primary"
            onClick={pause}
            aria-label="Pause"
            title="Pause time and packets"
          >
            <PauseIcon />
          </button>
        ) : (
          <button type="button" className="icon-btn primary" onClick={play} aria-label="Play" title="Play">
            <PlayIcon />
          </button>
        )}
        <button
          type="button"
          className="icon-btn"
          onClick={() => step(1)}
          aria-label="Next hop"
          title="Step the latest packet one hop forward"
        >
          <StepForwardIcon />
        </button>
        <label className="speed">
          <span>Speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <span className={`play-state ${playing ? 'on' : 'off'}`}>{playing ? 'playing' : 'paused'}</span>
      </div>
      <Clock />
      {EMBED ? (
        <a className="btn full-app" href={fullAppUrl()} target="_blank" rel="noopener">
          Open the full playground {'\u2197'}
        </a>
      ) : (
        <ScenarioTools />
      )}
    </header>
  );
}
