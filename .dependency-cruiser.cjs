// The house's import rules (docs/architecture.md, "Layers"); `npm run lint` runs them.
// Inside src/sim imports only run downward:
//   lib, time  <  model  <  apiserver  <  controllers | kubelet | kubeproxy  <  net  <  engine  <  scenario  <  shell
//   <  challenge (a challenge's objectives run shell lines against the cluster)
// where "engine" is src/sim's own top-level files (step.ts runs the components in order, cluster.ts and
// actions.ts build and change a cluster, index.ts is the public surface). Components of one layer
// (controllers, kubelet, kubeproxy) do not import each other: what they share lives lower down.
const SIM = '^src/sim/';
const layer = (dirs) => `${SIM}(${dirs.join('|')})/`;
const ENGINE = `${SIM}[^/]+\\.ts$`;

/** A layer and everything above it: what the layer's folders must not import. */
const rules = [
  {
    name: 'lib-time',
    from: layer(['lib', 'time']),
    above: [
      layer(['model', 'apiserver', 'controllers', 'kubelet', 'kubeproxy', 'net', 'scenario', 'shell', 'challenge']),
      ENGINE,
    ],
  },
  {
    name: 'model',
    from: layer(['model']),
    above: [
      layer(['apiserver', 'controllers', 'kubelet', 'kubeproxy', 'net', 'scenario', 'shell', 'challenge']),
      ENGINE,
    ],
  },
  {
    name: 'apiserver',
    from: layer(['apiserver']),
    above: [layer(['controllers', 'kubelet', 'kubeproxy', 'net', 'scenario', 'shell', 'challenge']), ENGINE],
  },
  {
    name: 'controllers',
    from: layer(['controllers']),
    above: [layer(['kubelet', 'kubeproxy', 'net', 'scenario', 'shell', 'challenge']), ENGINE],
  },
  {
    name: 'kubelet',
    from: layer(['kubelet']),
    above: [layer(['controllers', 'kubeproxy', 'net', 'scenario', 'shell', 'challenge']), ENGINE],
  },
  {
    name: 'kubeproxy',
    from: layer(['kubeproxy']),
    above: [layer(['controllers', 'kubelet', 'net', 'scenario', 'shell', 'challenge']), ENGINE],
  },
  { name: 'net', from: layer(['net']), above: [layer(['scenario', 'shell', 'challenge']), ENGINE] },
  {
    name: 'engine',
    from: ENGINE,
    fromNot: `${SIM}(index|testing)\\.ts$`,
    above: [layer(['scenario', 'shell', 'challenge'])],
  },
  {
    name: 'scenario',
    from: layer(['scenario']),
    above: [layer(['shell', 'challenge']), `${SIM}(index|testing)\\.ts$`],
  },
  { name: 'shell', from: layer(['shell']), above: [layer(['challenge'])] },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Import cycles make load order matter and hide which module owns an idea. A cycle closed only by ' +
        "`import type` is erased at run time: the store's slices name the whole Store type, which is " +
        'made of their own types (zustand slices), so those are allowed.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'sim-is-pure',
      severity: 'error',
      comment:
        'src/sim runs unchanged in Node (tests, kubesim): it imports nothing of the store, the UI, React or the browser.',
      from: { path: SIM },
      to: { path: ['^src/(store|ui|cli|bench)/', '^src/main', 'node_modules/(react|react-dom|zustand|@xyflow)/'] },
    },
    {
      name: 'store-below-ui',
      severity: 'error',
      comment: 'The store calls the engine; the UI renders the store. The store never imports a component.',
      from: { path: '^src/store/' },
      to: { path: '^src/ui/' },
    },
    ...rules.map((r) => ({
      name: `sim-layer-${r.name}`,
      severity: 'error',
      comment: 'Inside src/sim imports run downward only (see the top of this file).',
      from: r.fromNot ? { path: r.from, pathNot: r.fromNot } : { path: r.from },
      to: { path: r.above },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(test|spec)\\.tsx?$|test-helpers\\.ts$|fixtures\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
