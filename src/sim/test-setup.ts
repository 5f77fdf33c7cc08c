// Vitest's setup file: Node tests see the apiserver as before the first view's chunk left its validation
// out (model/extensions.ts), whichever module they import first.
import './apiserver/validation-install';
import { podListCheck } from './model/pod-list';

// every list of Pods the engine keeps within a pass is checked against the cluster's own
podListCheck.on = true;
