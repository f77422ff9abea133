import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The first test to open a lazy route or the charts compiles those modules on demand, which can
// take a few seconds when test files run in parallel on a small machine.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no layout, so every element measures 0×0. This ResizeObserver reports one
// desktop-sized box per observed element, which is enough for recharts to draw.
const TEST_BOX = { width: 640, height: 260 };

class FixedSizeResizeObserver {
  private readonly callback: ResizeObserverCallback;

  constructor(callback: ResizeObserverCallback) {
    this.callback = callback;
  }

  observe(target: Element) {
    const contentRect = { ...TEST_BOX, x: 0, y: 0, top: 0, left: 0, right: TEST_BOX.width, bottom: TEST_BOX.height };
    const entry = { target, contentRect } as unknown as ResizeObserverEntry;
    queueMicrotask(() => this.callback([entry], this as unknown as ResizeObserver));
  }

  unobserve() {}

  disconnect() {}
}

Object.defineProperty(globalThis, 'ResizeObserver', {
  value: FixedSizeResizeObserver,
  writable: true,
  configurable: true,
});

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});
