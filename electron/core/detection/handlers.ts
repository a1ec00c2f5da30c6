import type { detectionChannels } from '../../../shared/contract/detection';
import type { CoreContext } from '../context';
import type { HandlersFor } from '../handlers';
import { DetectionService } from './detection-service';

/** Creates detection from the core context (evaluating on the poll path from now on) and its channel handlers. */
export function detectionHandlers(ctx: CoreContext, detection = createDetection(ctx)): HandlersFor<typeof detectionChannels> {
  return {
    'detection:get': () => detection.view(),
    'detection:declare': (i) => detection.declare(i),
    'detection:attach': (i) => detection.attach(i),
    'detection:dismiss': (i) => detection.dismiss(i),
    'detection:get-settings': () => detection.getSettings(),
    'detection:set-settings': (i) => detection.setSettings(i),
  };
}

export function createDetection(ctx: CoreContext): DetectionService {
  const detection = new DetectionService(ctx);
  detection.start();
  return detection;
}
