import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { extensions } from '../sim/model/extensions';
import { kit } from './kit-loader';

// The first view's chunk leaves the apiserver's validation out (model/extensions.ts); the store must never
// write user-chosen values without it: the action waits for the kit (which installs it) and runs then.
describe('user writes wait for the apiserver validation', () => {
  it('a label written before the validator is installed is checked once it is, not written unchecked', async () => {
    const store = createAppStore();
    const s = () => store.getState();
    const pod = Object.values(s().cluster.objects.pods).find((p) => p.metadata.name.startsWith('frontend-'))!;
    const key = `default/${pod.metadata.name}`;
    const hooks = extensions.validation!;
    delete extensions.validation;
    try {
      s().setPodLabel('default', pod.metadata.name, 'tier', 'not a valid value!');
      s().setServiceType('default', 'frontend-svc', 'NodePort');
      // nothing written yet: no validator
      expect(s().cluster.objects.pods[key]?.metadata.labels?.tier).toBeUndefined();
      expect(s().cluster.objects.services['default/frontend-svc'].spec.type).toBe('ClusterIP');
      extensions.validation = hooks; // what importing the kit does in the browser
      await kit.load();
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      extensions.validation = hooks;
    }
    // the label was refused by validation (a label value may not contain spaces), the type change went through
    expect(s().cluster.objects.pods[key]?.metadata.labels?.tier).toBeUndefined();
    expect(s().notice).not.toBeNull();
    expect(s().cluster.objects.services['default/frontend-svc'].spec.type).toBe('NodePort');
  });

  it('if the kit arrives without the validator the write is refused, never made unchecked', async () => {
    const store = createAppStore();
    const s = () => store.getState();
    const hooks = extensions.validation!;
    await kit.load();
    delete extensions.validation;
    try {
      s().setServiceType('default', 'frontend-svc', 'NodePort');
      await new Promise((r) => setTimeout(r, 0));
      expect(s().cluster.objects.services['default/frontend-svc'].spec.type).toBe('ClusterIP');
      expect(s().notice?.text).toMatch(/validation/);
    } finally {
      extensions.validation = hooks;
    }
  });
});
