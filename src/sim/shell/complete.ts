// Tab-completion data for the console: given the line up to the cursor, the words that could
// replace its last word (commands, kubectl verbs and flags, resource types, object names, hosts).
import type { ClusterState } from '../model/state';
import type { Session } from './types';
import { roughWords } from './parse';
import { whereOf, machines } from './session';
import { makeCtx } from './run';
import { commandNames } from './commands';
import { VERBS } from './kubectl/index';
import { TYPES, findType, listAll, nameOf } from './kubectl/resources';

const RESOURCE_VERBS = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'scale', 'expose', 'edit']);
const FLAGS: Record<string, string[]> = {
  get: [
    '-o',
    '--output=',
    '-l',
    '--selector=',
    '-A',
    '--all-namespaces',
    '-n',
    '--namespace=',
    '--show-labels',
    '-w',
    '--no-headers',
    '--field-selector=',
    '-L',
    '--sort-by=',
  ],
  describe: ['-l', '-A', '-n', '--show-events=false'],
  apply: ['-f', '--dry-run=client', '-o', '-R'],
  create: ['-f', '--dry-run=client', '-o', '--image=', '--replicas=', '--port='],
  run: [
    '--image=',
    '--labels=',
    '--port=',
    '--env=',
    '--restart=Never',
    '-i',
    '-t',
    '-it',
    '--rm',
    '--command',
    '--expose',
    '--dry-run=client',
    '-o',
  ],
  expose: ['--port=', '--target-port=', '--type=', '--name=', '--protocol=', '--selector=', '--external-ip='],
  delete: ['-f', '-l', '--all', '--ignore-not-found', '--grace-period=', '--force', '--now', '--wait=false'],
  scale: ['--replicas='],
  label: ['--overwrite', '-l', '--all', '--list'],
  exec: ['-i', '-t', '-it', '-c', '--'],
};
const OUTPUTS = ['wide', 'yaml', 'json', 'name', 'jsonpath=', 'custom-columns='];

function namespaceOf(words: string[]): string {
  for (let i = 0; i < words.length; i++) {
    if ((words[i] === '-n' || words[i] === '--namespace') && words[i + 1]) return words[i + 1];
    const m = words[i].match(/^--namespace=(.+)$/);
    if (m) return m[1];
  }
  return 'default';
}

export function complete(state: ClusterState, session: Session, lineBeforeCursor: string): string[] {
  const words = roughWords(lineBeforeCursor);
  const cur = words[words.length - 1] ?? '';
  const prev = words.slice(0, -1);
  const where = whereOf(state, session);
  if (!where) return [];
  const match = (list: string[]) => [...new Set(list)].filter((x) => x.startsWith(cur)).sort();
  if (prev.length === 0) return match(commandNames(makeCtx(state, session, {}, where)));
  const cmd = prev[0].split('/').pop()!;
  if (cmd === 'ssh') return prev.length === 1 ? match(machines(state)) : [];
  if (cmd === 'trace') {
    const pods = Object.values(state.objects.pods)
      .filter((p) => p.metadata.namespace === namespaceOf(words))
      .map((p) => `pod/${p.metadata.name}`);
    if (prev.length === 1) return match(['client', ...Object.keys(state.objects.nodes), ...pods]);
    if (prev.length === 2)
      return match(
        Object.values(state.objects.services)
          .filter((s) => s.metadata.namespace === namespaceOf(words))
          .flatMap((s) => (s.spec.ports ?? []).map((p) => `${s.metadata.name}:${p.port}`)),
      );
    return match(['-p', '-n', '-o', 'json', 'tcp', 'udp', 'sctp']);
  }
  const lastWord = prev[prev.length - 1];
  if (lastWord === '-f' || lastWord === '--filename' || ((cmd === 'cat' || cmd === 'rm') && prev.length >= 1)) {
    const files = Object.keys(session.files[session.host] ?? {});
    const home = session.cwd.replace(/\/$/, '') + '/';
    return match(files.map((f) => (f.startsWith(home) ? f.slice(home.length) : f)));
  }
  if (cmd !== 'kubectl') return [];
  const args = prev
    .slice(1)
    .filter(
      (w, i, a) =>
        !w.startsWith('-') && !(i > 0 && /^(-n|--namespace|-o|--output|-l|--selector|-c|--container)$/.test(a[i - 1])),
    );
  const last = prev[prev.length - 1];
  const ns = namespaceOf(words);
  if (last === '-n' || last === '--namespace') return match(Object.keys(state.objects.namespaces));
  if (last === '-o' || last === '--output') return match(OUTPUTS);
  if (cur.startsWith('--output=') || cur.startsWith('-o='))
    return match(OUTPUTS.map((o) => cur.split('=')[0] + '=' + o));
  if (args.length === 0) return match(cur.startsWith('-') ? ['-n', '--namespace', '-h', '--help'] : Object.keys(VERBS));
  const verb = args[0];
  if (cur.startsWith('-')) return match([...(FLAGS[verb] ?? []), '-n', '--namespace=', '-h', '--help']);
  const objectNames = (typeName: string) => {
    const t = findType(typeName);
    return t ? listAll(state, t, t.namespaced ? ns : undefined).map(nameOf) : [];
  };
  if (verb === 'exec' || verb === 'logs') return args.length === 1 ? match(objectNames('pods')) : [];
  if (verb === 'create' && args.length === 1) return match(['deployment', 'namespace', 'service']);
  if (verb === 'create' && args[1] === 'service' && args.length === 2)
    return match(['clusterip', 'nodeport', 'loadbalancer', 'externalname']);
  if (verb === 'cordon' || verb === 'uncordon' || verb === 'drain') return match(Object.keys(state.objects.nodes));
  if (RESOURCE_VERBS.has(verb)) {
    if (args.length === 1) {
      if (cur.includes('/')) {
        const [tn] = cur.split('/');
        return match(objectNames(tn).map((n) => `${tn}/${n}`));
      }
      if (cur.includes(',')) {
        const head = cur.slice(0, cur.lastIndexOf(',') + 1);
        return match(TYPES.map((t) => head + t.resource));
      }
      return match([...TYPES.flatMap((t) => [t.resource, ...t.short]), ...(verb === 'get' ? ['all'] : [])]);
    }
    return match(args[1].split(',').flatMap(objectNames));
  }
  return [];
}
