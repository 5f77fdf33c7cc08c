// History, scenarios, lessons and the read-only view, driven through the store's actions.
import { beforeAll, describe, expect, it } from 'vitest';
import { getLesson, listLessons } from '../sim/scenario/kit';
import { createAppStore } from './index';
import { kit } from './kit-loader';

// the app loads the kit after its first view; these tests start with it loaded (kit.test.ts covers the wait)
beforeAll(async () => {
  await kit.load();
});

const frontend = (store: ReturnType<typeof createAppStore>) =>
  Object.values(store.getState().cluster.objects.pods)
    .filter((p) => p.metadata.name.startsWith('frontend-') && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

describe('history', () => {
  it('undoes and redoes a kill; ticks never enter history', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const before = frontend(store);
    s().killPod('default', before[0]);
    expect(s().past).toHaveLength(1);
    for (let i = 0; i < 20; i++) s().tick(250);
    expect(s().past).toHaveLength(1);
    expect(frontend(store)).not.toEqual(before);
    s().undo();
    expect(frontend(store)).toEqual(before);
    expect(s().future).toHaveLength(1);
    s().redo();
    expect(frontend(store)).not.toContain(before[0]);
    expect(s().past).toHaveLength(1);
  });

  it('a command that changes nothing, or a request, is not recorded', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setServiceType('default', 'nope', 'NodePort');
    s().send();
    s().select('client');
    expect(s().past).toHaveLength(0);
  });

  it('a scenario switch is undoable and resets to its own start', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().scaleDeployment('default', 'frontend', 5);
    s().loadScenario('nodeport');
    expect(s().scenario.id).toBe('nodeport');
    s().resetCluster();
    expect(s().scenario.id).toBe('nodeport');
    s().undo();
    s().undo();
    expect(s().scenario.id).toBe('default');
    expect(s().cluster.objects.deployments['default/frontend'].spec.replicas).toBe(5);
  });

  it('a scenario without the old target Service aims the Send panel at one of its own: a Service, or else a Pod by its IP', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().loadScenario('pod-ip');
    const t = s().spec.target;
    const frontend = Object.values(s().cluster.objects.pods).find((p) => p.metadata.name.startsWith('frontend-'))!;
    expect(t).toEqual({
      kind: 'podIP',
      ip: frontend.status.podIP,
      port: 5000,
      pod: `default/${frontend.metadata.name}`,
    });
    expect(s().spec.source).toEqual({ kind: 'pod', namespace: 'default', name: 'busybox' });
    s().loadScenario('nodeport');
    expect(s().spec.target).toMatchObject({ kind: 'clusterIP', service: expect.stringMatching(/^default\/frontend-/) });
  });

  it('read-only refuses a command and puts everything back', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setReadOnly(true);
    const before = s().cluster;
    s().killPod('default', frontend(store)[0]);
    expect(s().cluster).toBe(before);
    expect(s().notice?.text).toMatch(/Read-only/);
    expect(s().past).toHaveLength(0);
    s().send();
    expect(s().requests).toHaveLength(1);
  });
});

describe('lessons in the store', () => {
  for (const l of listLessons()) {
    it(`${l.id}: Show me and time complete it`, () => {
      const store = createAppStore();
      const s = () => store.getState();
      s().startLesson(l.id);
      for (let guard = 0; guard < 40 && s().lesson!.step < l.steps.length; guard++) {
        const at = s().lesson!.step;
        s().showMe();
        for (let i = 0; i < 200 && s().lesson!.step === at; i++) {
          s().tick(500);
          s().checkLesson();
        }
      }
      expect(s().lesson!.step).toBe(getLesson(l.id)!.steps.length);
    });
  }
});
