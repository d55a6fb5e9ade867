import { useEffect, useRef } from 'react';
import { WedgeDetector } from './keyboard-wedge';

/**
 * Listens for a keyboard-wedge scanner anywhere on the page, no field needs focus. When a burst turns out to be a
 * scan while a text field had focus, the scanned characters are taken out of that field again.
 */
export function useKeyboardWedge(onScan: (text: string) => void, enabled = true): void {
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  });

  useEffect(() => {
    if (!enabled) return;
    const detector = new WedgeDetector();
    let timer: ReturnType<typeof setTimeout> | null = null;

    const emit = (text: string) => {
      const field = document.activeElement;
      if (field instanceof HTMLInputElement && field.value.endsWith(text)) {
        // React owns the value: set it through the native setter and announce it, so state follows.
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        setter?.call(field, field.value.slice(0, -text.length));
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
      onScanRef.current(text);
    };

    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const now = performance.now();
      const done = detector.feed(e.key, now);
      if (done) {
        // The scanner's Enter must not also submit whatever form has focus.
        if (e.key === 'Enter' || e.key === 'Tab') e.preventDefault();
        emit(done);
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const late = detector.flush(performance.now());
        if (late) emit(late);
      }, 150);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (timer) clearTimeout(timer);
    };
  }, [enabled]);
}
