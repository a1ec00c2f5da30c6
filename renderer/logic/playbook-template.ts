/** What "New" starts from: every field a playbook has, one example of each item kind, comments saying what they mean. */
export const NEW_PLAYBOOK_TEMPLATE = `# A Pitwall playbook (format 1). Ids are lowercase words with dashes; decisions and incidents refer to them.
schema: 1
id: my-playbook
version: 1
title: My playbook
summary: What this incident looks like, in one or two sentences.
# Prometheus alert names this playbook answers (alerts labelled playbook: my-playbook count too).
alerts: []
causes:
  - text: A likely cause
sections:
  - id: confirm
    title: Confirm the symptoms
    # confirm | investigate | decide | mitigate | recover | follow-up
    stage: confirm
    items:
      - id: backlog
        kind: check
        text: Pending tasks grow
        # Live values beside the item, read from what Pitwall stored. Kinds: queue-pending, queue-latency,
        # queue-failed, gpu-memory, oom-kills, restarts, fs-saturation, fs-device-errors, error-lines, firing-alerts.
        evidence:
          - kind: queue-pending
            windowMin: 15
  - id: mitigate
    title: Mitigate
    stage: mitigate
    items:
      - id: recent-change
        kind: decision
        text: Was there a change in the last hour?
        yes: { label: Roll it back, goto: [rollback] }
        no: { label: Restart workers, goto: [restart] }
      - id: rollback
        kind: command
        text: Roll back the deployment
        command: kubectl rollout undo deployment/my-service
        role: operations
      - id: restart
        kind: action
        text: Restart a subset of workers
hardening: []
escalation:
  - text: Who to call when this is not resolved in 30 minutes
`;
