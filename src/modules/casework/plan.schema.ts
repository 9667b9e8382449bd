import type { FieldIssue } from '../../http/errors.ts';
import { NEED_CODES } from '../directory/vocabulary.ts';
import { caseworkMessage as m } from './casework.content.ts';
import { dateField, listField, textField, type FormResult } from './casework.schema.ts';
import {
  PCSP_CRITERION_KEYS,
  SHARED_WITH,
  type PcspCriterion,
  type SharedWith,
} from './casework.vocabulary.ts';

// The forms of the plan page: "what matters to me", needs, the five PCSP criteria, review and agreement
// dates and who it is shared with; a goal; an action with its owner and due date.

type Body = Record<string, unknown>;

export interface PlanInput {
  whatMatters: string | null;
  needs: string[];
  needsNotes: string | null;
  criteria: PcspCriterion[];
  reviewDate: string | null;
  agreedDate: string | null;
  sharedWith: SharedWith[];
}

function longText(body: Body, field: 'whatMatters' | 'needsNotes', issues: FieldIssue[]): string | null {
  const value = textField(body, field);
  if (value.length > 4000) {
    issues.push({ field, message: m(`pages.plan.${field}.validationError.tooLong`) });
  }
  return value === '' ? null : value;
}

function chosen(values: string[], allowed: readonly string[]): string[] | null {
  return values.every((v) => allowed.includes(v)) ? [...new Set(values)] : null;
}

/**
 * The plan form.
 * @param body - the posted form
 * @param today - today in England ('YYYY-MM-DD')
 */
export function parsePlan(body: Body, today: string): FormResult<PlanInput> {
  const issues: FieldIssue[] = [];
  const whatMatters = longText(body, 'whatMatters', issues);
  const needs = chosen(listField(body, 'needs'), NEED_CODES);
  if (needs === null) {
    issues.push({ field: 'needs', message: m('pages.plan.needs.validationError.invalid') });
  }
  const needsNotes = longText(body, 'needsNotes', issues);
  const criteria = chosen(listField(body, 'criteria'), PCSP_CRITERION_KEYS) as PcspCriterion[] | null;
  if (criteria === null) {
    issues.push({ field: 'criteria', message: m('pages.plan.criteria.validationError.invalid') });
  } else if (criteria.includes('planShareable') && whatMatters === null) {
    issues.push({
      field: 'criteria',
      message: m('pages.plan.criteria.validationError.shareableNeedsWhatMatters'),
    });
  }
  const review = dateField(body, { page: 'plan', field: 'reviewDate' }, true);
  if (!review.ok) {
    issues.push(review.issue);
  } else if (review.value === null && criteria?.includes('reviewArranged') === true) {
    issues.push({
      field: 'reviewDate-day',
      message: m('pages.plan.reviewDate.validationError.neededForReview'),
    });
  }
  const agreed = dateField(body, { page: 'plan', field: 'agreedDate' }, true);
  if (!agreed.ok) {
    issues.push(agreed.issue);
  } else if (agreed.value !== null && agreed.value > today) {
    issues.push({ field: 'agreedDate-day', message: m('pages.plan.agreedDate.validationError.future') });
  }
  const sharedWith = chosen(listField(body, 'sharedWith'), Object.keys(SHARED_WITH)) as SharedWith[] | null;
  if (sharedWith === null) {
    issues.push({ field: 'sharedWith', message: m('pages.plan.sharedWith.validationError.invalid') });
  }
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      whatMatters,
      needs: needs ?? [],
      needsNotes,
      criteria: criteria ?? [],
      reviewDate: review.ok ? review.value : null,
      agreedDate: agreed.ok ? agreed.value : null,
      sharedWith: sharedWith ?? [],
    },
  };
}

/**
 * The "add a goal" form.
 * @param body - the posted form
 */
export function parseGoal(body: Body): FormResult<{ text: string }> {
  const text = textField(body, 'goalText');
  if (text === '') {
    return {
      ok: false,
      issues: [{ field: 'goalText', message: m('pages.planGoal.goalText.validationError.required') }],
    };
  }
  if (text.length > 1000) {
    return {
      ok: false,
      issues: [{ field: 'goalText', message: m('pages.planGoal.goalText.validationError.tooLong') }],
    };
  }
  return { ok: true, value: { text } };
}

export interface ActionInput {
  goalId: string;
  text: string;
  owner: string;
  dueDate: string | null;
}

/**
 * The "add an action" form: which goal, what, who and by when.
 * @param body - the posted form
 * @param goalIds - the case's goals
 */
export function parseAction(body: Body, goalIds: readonly string[]): FormResult<ActionInput> {
  const issues: FieldIssue[] = [];
  const goalId = textField(body, 'goalId');
  if (!goalIds.includes(goalId)) {
    issues.push({ field: 'goalId', message: m('pages.planAction.goalId.validationError.required') });
  }
  const text = textField(body, 'actionText');
  if (text === '') {
    issues.push({ field: 'actionText', message: m('pages.planAction.actionText.validationError.required') });
  } else if (text.length > 1000) {
    issues.push({ field: 'actionText', message: m('pages.planAction.actionText.validationError.tooLong') });
  }
  const owner = textField(body, 'owner');
  if (owner === '') {
    issues.push({ field: 'owner', message: m('pages.planAction.owner.validationError.required') });
  } else if (owner.length > 200) {
    issues.push({ field: 'owner', message: m('pages.planAction.owner.validationError.tooLong') });
  }
  const due = dateField(body, { page: 'planAction', field: 'dueDate' }, true);
  if (!due.ok) {
    issues.push(due.issue);
  }
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, value: { goalId, text, owner, dueDate: due.ok ? due.value : null } };
}
