import { describe, expect, it } from 'vitest';
import { noteLivePosition, onLivePosition } from '../../api/live-position.ts';
import { afterAnswer, afterHello, freshStart, liveUrl } from './live-resume.ts';

describe('where the live stream resumes from (issue 16 §16)', () => {
  it('reopens from an answer read before the stream started, once its start is known', () => {
    // the inbox was read at 40, the stream (opened "from now") says it starts at 42
    const waiting = afterAnswer(freshStart(undefined), 40);
    expect(waiting.reopenFrom).toBeUndefined();
    const hello = afterHello(waiting.start, 42);
    expect(hello.reopenFrom).toBe(40);
    // reopened from 40: an answer at 40 or later needs nothing
    const again = afterHello(freshStart(40), 40);
    expect(again.reopenFrom).toBeUndefined();
    expect(afterAnswer(again.start, 40).reopenFrom).toBeUndefined();
    expect(afterAnswer(again.start, 55).reopenFrom).toBeUndefined();
    // a kept answer computed earlier still moves it back
    expect(afterAnswer(again.start, 38).reopenFrom).toBe(38);
    expect(liveUrl(38)).toBe('/api/live?after=38');
    expect(liveUrl(undefined)).toBe('/api/live');
  });

  it('no reopening when every answer came after the start', () => {
    const started = afterHello(freshStart(undefined), 42).start;
    expect(afterAnswer(started, 42).reopenFrom).toBeUndefined();
    expect(afterAnswer(started, 43).reopenFrom).toBeUndefined();
    expect(afterHello(afterAnswer(freshStart(undefined), 50).start, 42).reopenFrom).toBeUndefined();
  });

  it('hands a listener the lowest position noted before it listened, then each one', () => {
    noteLivePosition(12);
    noteLivePosition(9);
    noteLivePosition(-1);
    noteLivePosition(Number.NaN);
    const heard: number[] = [];
    const stop = onLivePosition((p) => heard.push(p));
    noteLivePosition(15);
    stop();
    noteLivePosition(3);
    expect(heard).toEqual([9, 15]);
    const later: number[] = [];
    onLivePosition((p) => later.push(p))();
    expect(later).toEqual([3]);
  });
});
