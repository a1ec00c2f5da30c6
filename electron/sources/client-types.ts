export interface CallOptions {
  /** Cancels the request (e.g. the source was disabled or the app is quitting). */
  signal?: AbortSignal;
}

export interface Readiness {
  ready: boolean;
  /** The server's own words, e.g. "Prometheus Server is Ready." or "Ingester not ready: …". */
  message: string;
  /** Prometheus only: the 503 came from a server that is shutting down rather than starting. */
  stopping?: boolean;
}
