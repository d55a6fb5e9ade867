import { app, session, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/security-headers';
import { allowNavigation, allowPermission } from './security-policy';

/**
 * Every Electron hook that could widen what a page may do, answered from security-policy.ts in one place.
 * Registered before any window exists, so no web contents is ever created without these guards.
 */
export function installSecurityGuards(): void {
  // Forces the sandbox on every renderer, including any a dependency might create with weaker settings.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  // Links to the outside are not opened in the OS browser either: a check-in station has no reason to, and a
  // scanned or imported URL must never become a way out of the app.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Called once the app is ready, because sessions do not exist before. */
export function guardSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const origin = 'securityOrigin' in details && details.securityOrigin ? details.securityOrigin : details.requestingUrl;
    callback(allowPermission(permission, origin, mediaTypes));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission(permission, requestingOrigin, details.mediaType ? [details.mediaType] : []),
  );
  // USB, HID and serial devices are never offered to the page.
  ses.setDevicePermissionHandler(() => false);
  // The app protocol already sends the policy; this also covers any response that reaches a page some other way.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
