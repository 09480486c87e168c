// Mounting Vue components in the Vue tests, unmounted after each test with the tabs closed.
import { afterEach } from 'vitest';
import { createApp, type defineComponent } from 'vue';
import { closeTabs } from '../helpers/tabs.js';

const mounted: Array<() => void> = [];
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
  closeTabs();
});

/** Mounts `component` in a detached element and returns it; unmounted after the test. */
export function mount(component: ReturnType<typeof defineComponent>): HTMLElement {
  const root = document.createElement('div');
  const app = createApp(component);
  app.mount(root);
  mounted.push(() => app.unmount());
  return root;
}
