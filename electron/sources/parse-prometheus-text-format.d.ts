// The package ships no types. Declared as returning unknown on purpose: its output is parsed with zod
// like any other untrusted input (exporter-scrape.ts). `export =` because it is a CommonJS module.
declare module 'parse-prometheus-text-format' {
  function parsePrometheusTextFormat(text: string): unknown;
  export = parsePrometheusTextFormat;
}
