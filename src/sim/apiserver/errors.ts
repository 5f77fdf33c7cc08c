// API errors as a real apiserver returns them, and the line kubectl prints for each.
import type { Kind } from '../model/types';
import { KINDS } from '../model/types';
import type { FieldError } from './fielderrors';
import { formatInvalid } from './fielderrors';

export interface ApiError {
  reason:
    | 'Invalid'
    | 'NotFound'
    | 'AlreadyExists'
    | 'BadRequest'
    | 'Conflict'
    | 'InternalError'
    | 'MethodNotAllowed'
    | 'Forbidden';
  code: number;
  /** the Status message the server sends, e.g. `services "x" not found` */
  message: string;
  /** what kubectl prints on stderr for it */
  text: string;
}

/** "services", or "deployments.apps": how kubectl names a resource in server errors. */
export function qualifiedResource(kind: Kind): string {
  const k = KINDS[kind];
  return k.group ? `${k.resource}.${k.group}` : k.resource;
}

export function notFound(kind: Kind, name: string): ApiError {
  const message = `${qualifiedResource(kind)} "${name}" not found`;
  return { reason: 'NotFound', code: 404, message, text: `Error from server (NotFound): ${message}` };
}

export function namespaceNotFound(ns: string): ApiError {
  return notFound('Namespace', ns);
}

export function alreadyExists(kind: Kind, name: string): ApiError {
  const message = `${qualifiedResource(kind)} "${name}" already exists`;
  return { reason: 'AlreadyExists', code: 409, message, text: `Error from server (AlreadyExists): ${message}` };
}

export function invalidObject(kind: string, name: string, causes: FieldError[]): ApiError {
  const text = formatInvalid(kind, name, causes);
  return { reason: 'Invalid', code: 422, message: text.replace(/^The /, ''), text };
}

export function badRequest(message: string): ApiError {
  return { reason: 'BadRequest', code: 400, message, text: `Error from server (BadRequest): ${message}` };
}

export function internalError(message: string): ApiError {
  return {
    reason: 'InternalError',
    code: 500,
    message,
    text: `Error from server (InternalError): Internal error occurred: ${message}`,
  };
}
