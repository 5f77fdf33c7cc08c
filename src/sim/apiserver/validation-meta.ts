// ObjectMeta, label and label-selector validation (apimachinery pkg/api/validation/objectmeta.go,
// pkg/apis/meta/v1/validation), and ValidateNamespace. Go iterates maps in random order; label
// errors here follow sorted keys so the output is stable.

import type { LabelSelector, Labels, Namespace, ObjectMeta } from '../model/types';
import { type FieldError, forbidden, goMap, invalid, required, tooLong } from './fielderrors';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel } from './names';

type NameFn = (name: string, prefix: boolean) => string[];
export type FieldErrors = FieldError[];
type E = FieldErrors;
export const NONNEG = 'must be greater than or equal to 0';
export const IMMUTABLE = 'field is immutable';
const sortedKeys = (m: Record<string, unknown> | undefined) => Object.keys(m ?? {}).sort();

/** A stable rendering for equality checks: object keys sorted, undefined dropped. */
export const canon = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
};

export function validateLabels(labels: Labels | undefined, path: string): E {
  const errs: E = [];
  for (const k of sortedKeys(labels)) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    for (const m of isValidLabelValue(labels![k])) errs.push(invalid(path, labels![k], m));
  }
  return errs;
}

export function validateAnnotations(ann: Record<string, string> | undefined, path: string): E {
  const errs: E = [];
  let size = 0;
  for (const k of sortedKeys(ann)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    size += k.length + ann![k].length;
  }
  if (size > 256 * 1024) errs.push(tooLong(path, 256 * 1024));
  return errs;
}

/** ValidateObjectMeta. An empty namespace is left to the caller, which fills in the request's. */
export function validateObjectMeta(meta: ObjectMeta | undefined, nameFn: NameFn, namespaced: boolean): E {
  const m: Partial<ObjectMeta> = meta ?? {};
  const errs: E = [];
  if (m.generateName)
    for (const msg of nameFn(m.generateName, true)) errs.push(invalid('metadata.generateName', m.generateName, msg));
  if (!m.name) errs.push(required('metadata.name', 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(invalid('metadata.name', m.name, msg));
  if (namespaced && m.namespace)
    for (const msg of nameIsDNSLabel(m.namespace, false)) errs.push(invalid('metadata.namespace', m.namespace, msg));
  if (!namespaced && m.namespace) errs.push(forbidden('metadata.namespace', 'not allowed on this type'));
  if ((m.generation ?? 0) < 0) errs.push(invalid('metadata.generation', m.generation, NONNEG));
  errs.push(...validateLabels(m.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  return errs;
}

/** ValidateObjectMetaUpdate, for the fields a user can touch. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta): E {
  const errs: E = [];
  if (meta.name !== old.name) errs.push(invalid('metadata.name', meta.name, IMMUTABLE));
  if ((meta.namespace ?? '') !== (old.namespace ?? ''))
    errs.push(invalid('metadata.namespace', meta.namespace ?? '', IMMUTABLE));
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  return errs;
}

const OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function validateLabelSelector(sel: LabelSelector | undefined, path: string): E {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const vals = r.values ?? [];
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if (vals.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
      if (vals.length > 0)
        errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else errs.push(invalid(`${p}.operator`, r.operator, 'not a valid selector operator'));
    for (const m of isQualifiedName(r.key)) errs.push(invalid(`${p}.key`, r.key, m));
    vals.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(`${p}.values[${j}]`, v, m));
    });
  });
  return errs;
}

/** Would LabelSelectorAsSelector accept it? */
export function selectorConverts(sel: LabelSelector): boolean {
  const ok = (k: string, vs: string[]) =>
    isQualifiedName(k).length === 0 && vs.every((v) => isValidLabelValue(v).length === 0);
  if (!sortedKeys(sel.matchLabels).every((k) => ok(k, [sel.matchLabels![k]]))) return false;
  return (sel.matchExpressions ?? []).every((r) => {
    const vs = r.values ?? [];
    if (!OPS.includes(r.operator)) return false;
    if ((r.operator === 'In' || r.operator === 'NotIn') && vs.length === 0) return false;
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && vs.length > 0) return false;
    return ok(r.key, vs);
  });
}

export function selectorMatches(sel: LabelSelector, labels: Labels | undefined): boolean {
  const l = labels ?? {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(l, k);
  return (
    sortedKeys(sel.matchLabels).every((k) => has(k) && l[k] === sel.matchLabels![k]) &&
    (sel.matchExpressions ?? []).every((r) => {
      const vs = r.values ?? [];
      switch (r.operator) {
        case 'In':
          return has(r.key) && vs.includes(l[r.key]);
        case 'NotIn':
          return !has(r.key) || !vs.includes(l[r.key]);
        case 'Exists':
          return has(r.key);
        default:
          return !has(r.key);
      }
    })
  );
}

/** metav1.LabelSelector as Go marshals it (omitempty fields, sorted map keys). */
export function selectorValue(sel: LabelSelector | undefined): unknown {
  if (!sel) return null;
  const out: Record<string, unknown> = {};
  if (Object.keys(sel.matchLabels ?? {}).length) out.matchLabels = goMap(sel.matchLabels);
  if (sel.matchExpressions?.length) {
    out.matchExpressions = sel.matchExpressions.map((r) =>
      r.values?.length ? { key: r.key, operator: r.operator, values: r.values } : { key: r.key, operator: r.operator },
    );
  }
  return out;
}

export const selectorEmpty = (s: LabelSelector) =>
  Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions?.length ?? 0) === 0;

export function validateNamespace(ns: Namespace, old?: Namespace): E {
  const errs: E = old ? validateObjectMetaUpdate(ns.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(ns.metadata, nameIsDNSLabel, false));
  (ns.spec?.finalizers ?? []).forEach((f) => {
    for (const m of isQualifiedName(f)) errs.push(invalid('spec.finalizers', f, m));
  });
  return errs;
}
