// apps/v1 validation: ValidateDeployment / ValidateReplicaSet and their updates
// (pkg/apis/apps/validation/validation.go), plus the registry strategies' selector immutability.

import type { Deployment, LabelSelector, PodTemplateSpec, ReplicaSet } from '../model/types';
import { type FieldError, forbidden, goMap, invalid, required, unsupported } from './fielderrors';
import { isValidPercent, nameIsDNSSubdomain } from './names';
import {
  IMMUTABLE,
  NONNEG,
  canon,
  selectorConverts,
  selectorEmpty,
  selectorMatches,
  selectorValue,
  validateAnnotations,
  validateLabelSelector,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation-meta';
import { validatePodSpec } from './validation-pod';

type E = FieldError[];

// The template is a value in Go, never nil: a missing one validates as empty.
function validateTemplate(t: PodTemplateSpec = { spec: { containers: [] } }, sel: LabelSelector | undefined): E {
  const errs: E = [];
  const labels = t.metadata?.labels;
  const matchesAll = sel !== undefined && selectorEmpty(sel);
  if (!matchesAll && !(sel && selectorMatches(sel, labels))) {
    errs.push(invalid('spec.template.metadata.labels', goMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validateLabels(labels, 'spec.template.labels'));
  errs.push(...validateAnnotations(t.metadata?.annotations, 'spec.template.annotations'));
  errs.push(...validatePodSpec(t.spec ?? { containers: [] }, 'spec.template.spec', false));
  const rp = t.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(unsupported('spec.template.spec.restartPolicy', rp, ['Always']));
  return errs;
}

function validateSelectorAndTemplate(sel: LabelSelector | undefined, t: PodTemplateSpec | undefined): E {
  const errs: E = [];
  if (!sel) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (selectorEmpty(sel))
      errs.push(invalid('spec.selector', selectorValue(sel), 'empty selector is invalid for deployment'));
  }
  if (sel && !selectorConverts(sel)) errs.push(invalid('spec.selector', selectorValue(sel), 'invalid label selector'));
  else errs.push(...validateTemplate(t, sel));
  return errs;
}

function nonneg(v: number | undefined, path: string): E {
  return v !== undefined && v < 0 ? [invalid(path, v, NONNEG)] : [];
}

type IntOrPercent = number | string;
const percentValue = (v: IntOrPercent) =>
  typeof v === 'string' && isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : undefined;
const intOrPercentValue = (v: IntOrPercent) =>
  percentValue(v) ?? (typeof v === 'number' ? v : /^-?\d+$/.test(v) ? Number(v) : 0);

function validateIntOrPercent(v: IntOrPercent, path: string): E {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, v, m));
  return nonneg(v, path);
}

function validateStrategy(st: Deployment['spec']['strategy']): E {
  const errs: E = [];
  const type = st?.type ?? '';
  if (type === 'Recreate') {
    if (st?.rollingUpdate)
      errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = st?.rollingUpdate;
    if (!ru) return [required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
    const p = 'spec.strategy.rollingUpdate';
    errs.push(
      ...validateIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`),
      ...validateIntOrPercent(ru.maxSurge, `${p}.maxSurge`),
    );
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(invalid(`${p}.maxUnavailable`, ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
    if ((percentValue(ru.maxUnavailable) ?? 0) > 100)
      errs.push(invalid(`${p}.maxUnavailable`, ru.maxUnavailable, 'must not be greater than 100%'));
  } else {
    // The value is the internal apps.DeploymentStrategy, marshalled with Go's field names.
    const ru = st?.rollingUpdate
      ? { MaxUnavailable: st.rollingUpdate.maxUnavailable, MaxSurge: st.rollingUpdate.maxSurge }
      : null;
    errs.push(unsupported('spec.strategy', { Type: type, RollingUpdate: ru }, ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

function selectorChange(sel: LabelSelector | undefined, oldSel: LabelSelector | undefined): E {
  return canon(selectorValue(sel)) === canon(selectorValue(oldSel))
    ? []
    : [invalid('spec.selector', selectorValue(sel), IMMUTABLE)];
}

/** ValidateDeployment, or ValidateDeploymentUpdate plus the strategy's selector check with `old`. */
export function validateDeployment(d: Deployment, old?: Deployment): E {
  const errs: E = old
    ? validateObjectMetaUpdate(d.metadata, old.metadata)
    : validateObjectMeta(d.metadata, nameIsDNSSubdomain, true);
  const s = d.spec;
  errs.push(...nonneg(s.replicas, 'spec.replicas'));
  errs.push(...validateSelectorAndTemplate(s.selector, s.template));
  errs.push(...validateStrategy(s.strategy));
  errs.push(...nonneg(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (s.progressDeadlineSeconds !== undefined) {
    errs.push(...nonneg(s.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (s.progressDeadlineSeconds <= 0)
      errs.push(
        invalid('spec.progressDeadlineSeconds', s.progressDeadlineSeconds, 'must be greater than minReadySeconds'),
      );
  }
  if (old) errs.push(...selectorChange(s.selector, old.spec.selector));
  return errs;
}

/** ValidateReplicaSet, or ValidateReplicaSetUpdate plus the strategy's selector check with `old`. */
export function validateReplicaSet(rs: ReplicaSet, old?: ReplicaSet): E {
  const errs: E = old
    ? validateObjectMetaUpdate(rs.metadata, old.metadata)
    : validateObjectMeta(rs.metadata, nameIsDNSSubdomain, true);
  errs.push(...nonneg(rs.spec.replicas, 'spec.replicas'));
  errs.push(...validateSelectorAndTemplate(rs.spec.selector, rs.spec.template));
  if (old) errs.push(...selectorChange(rs.spec.selector, old.spec.selector));
  return errs;
}
