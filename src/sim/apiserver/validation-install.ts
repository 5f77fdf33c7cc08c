// Installs the apiserver's validation of the core and apps kinds (see model/extensions.ts): the shell,
// the scenario kit and the test helpers import this, so every write with user-chosen values is checked.
import { extensions } from '../model/extensions';
import type { Deployment, Pod, ReplicaSet, Service } from '../model/types';
import {
  validateDeployment,
  validateNamespace,
  validatePod,
  validateReplicaSet,
  validateService,
  validateServiceIPFamilies,
} from './validation';
import { serviceWarnings } from './warnings';

extensions.validation ??= {
  validate(obj, old) {
    switch (obj.kind) {
      case 'Service':
        return validateService(obj, old as Service | undefined);
      case 'Pod':
        return validatePod(obj, old as Pod | undefined);
      case 'Deployment':
        return validateDeployment(obj, old as Deployment | undefined);
      case 'ReplicaSet':
        return validateReplicaSet(obj, old as ReplicaSet | undefined);
      case 'Namespace':
        return validateNamespace(obj);
      default:
        return [];
    }
  },
  warnings(obj) {
    return obj.kind === 'Service' ? serviceWarnings(obj) : [];
  },
  preAllocate(obj) {
    return obj.kind === 'Service' ? validateServiceIPFamilies(obj.spec ? obj : { ...obj, spec: {} }) : [];
  },
};
