import { describe, expect, it } from 'vitest';
import { articleStatus, articleStatusColors } from './article-status.ts';

const published = { title: 'Horaires', body: 'Du lundi au vendredi.' };

describe('an article’s status', () => {
  it('is a draft until published', () => {
    expect(articleStatus({ ...published, published: null })).toBe('draft');
  });

  it('is to review while a starter text was never published', () => {
    expect(articleStatus({ ...published, needsReview: true, published: null })).toBe('review');
    expect(articleStatus({ ...published, needsReview: true, published })).toBe('published');
  });

  it('is published while the draft is the published text', () => {
    expect(articleStatus({ ...published, published })).toBe('published');
  });

  it('is changed once the draft’s title or body differs', () => {
    expect(articleStatus({ ...published, title: 'Nos horaires', published })).toBe('changed');
    expect(articleStatus({ ...published, body: 'Du lundi au samedi.', published })).toBe('changed');
  });

  it('has one colour each', () => {
    expect(articleStatusColors).toEqual({
      review: 'orange',
      draft: 'gray',
      changed: 'yellow',
      published: 'green',
    });
  });
});
