// Installs kubelet's prober (see model/extensions.ts).
import { extensions } from '../model/extensions';
import { containerProbeState, probeWake, probesUnsettled, startProbes, tickProbes } from './prober';

extensions.prober = {
  start: startProbes,
  tick: tickProbes,
  wake: probeWake,
  unsettled: probesUnsettled,
  state: containerProbeState,
};
