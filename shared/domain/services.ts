/** Workflows the first-response checklist asks about (incident playbook seed). */
export const DEFAULT_SERVICES = ['Echo UI', 'workers', 'OCR', 'translation', 'JupyterHub'] as const;
