// Every cross-engine case, in the order the runners run them.
import type { BrowserCase } from './browser-case';
import { twoTabs } from './two-tabs';

export const allCases: BrowserCase[] = [twoTabs];
