// The first view's prebuilt default scenario must be exactly what its YAML gives.
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../manifest';
import { loadScenario } from '../load';
import { defaultCluster } from '../apply';
import { getScenario } from '../scenarios';
import { DEFAULT_SCENARIO } from './default';
import { DEFAULT_OBJECTS, DEFAULT_SCENARIO_ID, DEFAULT_SCENARIO_TITLE } from './default-objects';

describe('the prebuilt default scenario', () => {
  it('has the objects its YAML parses to', () => {
    const parsed = parseManifests(DEFAULT_SCENARIO);
    expect(parsed.errors).toEqual([]);
    expect(parsed.cluster).toBeUndefined();
    expect(parsed.playground).toBeUndefined();
    expect(DEFAULT_OBJECTS).toEqual(parsed.objects);
  });

  it('builds the same cluster as loading the YAML, generator state included', () => {
    const fromYaml = loadScenario(DEFAULT_SCENARIO).state;
    expect(fromYaml).not.toBeNull();
    expect(defaultCluster()).toEqual(fromYaml);
    expect(defaultCluster({ seed: 7 })).toEqual(loadScenario(DEFAULT_SCENARIO, { seed: 7 }).state);
  });

  it('is the built-in scenario the picker lists as the default', () => {
    const sc = getScenario(DEFAULT_SCENARIO_ID);
    expect(sc?.title).toBe(DEFAULT_SCENARIO_TITLE);
    expect(sc?.yaml).toBe(DEFAULT_SCENARIO);
  });

  it('is not changed by building clusters from it', () => {
    const before = JSON.stringify(DEFAULT_OBJECTS);
    const s = defaultCluster();
    const pod = Object.values(s.objects.pods).find((p) => p.metadata.name === 'db')!;
    pod.metadata.labels!.app = 'changed';
    expect(JSON.stringify(DEFAULT_OBJECTS)).toBe(before);
  });
});
