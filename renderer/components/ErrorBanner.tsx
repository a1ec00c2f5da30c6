import { dismissBanner, useBanner } from '../state/ui';

export function ErrorBanner() {
  const message = useBanner();
  if (message === null) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span className="error-banner-text">{message}</span>
      <button type="button" className="btn btn-quiet" onClick={dismissBanner} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}
