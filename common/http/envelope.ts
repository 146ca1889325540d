// The JSON envelope every autofighter service (backend and router) answers in:
//   success: { status: "success", data, ...extras }     error: { status: "error", message, code, ... }

export interface SuccessEnvelope<T> {
  status: 'success';
  data: T;
}

export interface ErrorEnvelope {
  status: 'error';
  message: string;
  code: string;
  request_id?: string;
  details?: unknown;
}

export function success<T, Extras extends object = object>(data: T, extras?: Extras): SuccessEnvelope<T> & Extras {
  return { status: 'success', data, ...(extras as Extras) };
}

export function failure(
  message: string,
  code: string,
  extras: { request_id?: string; details?: unknown } = {},
): ErrorEnvelope {
  return { status: 'error', message, code, ...extras };
}

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { status?: unknown }).status === 'error' &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}
