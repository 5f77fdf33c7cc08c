// Installs the EndpointSlice mirroring controller and the discovery objects' defaults and validation
// (see model/extensions.ts).
import { extensions } from '../model/extensions';
import { reconcileEndpointSliceMirroring } from './endpointslice-mirroring';
import {
  defaultEndpointSlice,
  defaultEndpoints,
  validateEndpointSlice,
  validateEndpoints,
} from '../apiserver/validation-discovery';

if (!extensions.discovery) {
  extensions.discovery = {
    defaultSlice: defaultEndpointSlice,
    validateSlice: validateEndpointSlice,
    defaultEndpoints,
    validateEndpoints,
  };
  extensions.controllers.push(reconcileEndpointSliceMirroring);
}
