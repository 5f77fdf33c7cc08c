// Vitest's setup file: Node tests see the apiserver as before the first view's chunk left its validation
// out (model/extensions.ts), whichever module they import first.
import './apiserver/validation-install';
