// A realm's live timeline: one line per thing that happened to its cache, newest first.

/** What a line is about; it picks the line's colour (demo/demo.css). */
export type TimelineKind = 'own' | 'nudge' | 'check' | 'precaution' | 'server' | 'refused' | 'deaf' | 'load' | 'info';

/** How many lines a realm keeps: enough to read the last few steps of a story. */
const KEEP = 40;

export interface Timeline {
  add(kind: TimelineKind, text: string): void;
}

export function createTimeline(list: HTMLOListElement): Timeline {
  return {
    add(kind, text) {
      const line = document.createElement('li');
      line.className = kind;
      // The wall clock to the millisecond: realms side by side share it, so lines compare.
      const time = Object.assign(document.createElement('time'), { textContent: new Date().toISOString().slice(11, 23) });
      line.append(time, ' ', text);
      list.prepend(line);
      while (list.children.length > KEEP) list.lastElementChild!.remove();
    },
  };
}
