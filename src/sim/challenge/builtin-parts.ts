// The pieces the built-in challenges are written with: the manifests they share (a web Deployment and
// Service, the chapter's busybox, a Namespace), the challenge definition, and the challenge file a
// definition becomes (the text kubesim --export-challenge prints).
export const WEB = (
  name = 'web',
  replicas = 3,
  ns?: string,
  portLines = '        ports:\n        - containerPort: 80\n',
) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: ${name}
        image: nginx:1.29
${portLines}`;

export const SVC = (spec: string, name = 'web', ns?: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
${spec}`;

export const BUSYBOX = `apiVersion: v1
kind: Pod
metadata:
  name: busybox
  labels:
    run: busybox
spec:
  containers:
  - name: busybox
    image: busybox:1.28
    command: ["sleep", "3600"]
`;

export const NS = (name: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`;

export const docs = (...parts: string[]): string => parts.map((p) => p.replace(/\n*$/, '\n')).join('---\n');
const indent = (text: string, n: number): string =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');

export interface Def {
  name: string;
  title: string;
  level: 1 | 2 | 3;
  story: string;
  scenario: string;
  setup?: string[];
  objectives: { text: string; run: string; times?: number; expect: Record<string, string | number> }[];
  hints: string[];
  walkthrough: { text: string; command?: string }[];
  solution: string[];
}

const q = (s: string): string => (/^[\w./@:=-]+$/.test(s) && !/^\d/.test(s) ? s : JSON.stringify(s));

/** The challenge file for a definition (the same text kubesim --export-challenge prints). */
export function file(d: Def): string {
  const block = (key: string, text: string) => `${key}: |\n${indent(text, 2)}\n`;
  const list = (key: string, items: string[]) =>
    items.length ? `${key}:\n${items.map((i) => `- ${q(i)}\n`).join('')}` : '';
  let out = `apiVersion: playground.k8s.local/v1alpha1\nkind: Challenge\nname: ${d.name}\ntitle: ${q(d.title)}\nlevel: ${d.level}\n`;
  out += block('story', d.story);
  out += d.scenario.includes('\n') ? block('scenario', d.scenario) : `scenario: ${d.scenario}\n`;
  out += list('setup', d.setup ?? []);
  out += 'objectives:\n';
  for (const o of d.objectives) {
    out += `- text: ${q(o.text)}\n  run: ${q(o.run)}\n${o.times ? `  times: ${o.times}\n` : ''}  expect:\n`;
    for (const [k, v] of Object.entries(o.expect)) out += `    ${k}: ${typeof v === 'number' ? v : q(v)}\n`;
  }
  out += list('hints', d.hints);
  out += 'walkthrough:\n';
  for (const w of d.walkthrough) out += `- text: ${q(w.text)}\n${w.command ? `  command: ${q(w.command)}\n` : ''}`;
  out += list('solution', d.solution);
  return out;
}
