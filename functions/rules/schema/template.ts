import { localeTag } from '../../events/primitives.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { checkTemplateSource } from '../../templates/check-template.js';
import { slug } from './primitives.js';

/** Locales every template must have (DESIGN.md section 3). */
export const REQUIRED_TEMPLATE_LOCALES = ['en', 'zh-CN'] as const;

const templateSource = (description: string, { max }: { max: number }) =>
  z.string({ error: 'must be text' }).check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(max, `must be at most ${max} characters`),
    z.superRefine((source, ctx) => {
      for (const message of checkTemplateSource(source)) ctx.addIssue({ code: 'custom', message });
    }),
    z.meta({ description }),
  );

export const templateSchemas = lazy(() => {
  const subject = templateSource('Email subject line; may use variables such as {{customer.firstName}}.', {
    max: 200,
  });
  const preheader = templateSource('Preview text shown after the subject in most inboxes.', { max: 200 });

  const templateVersion = z.strictObject({
    subject,
    preheader: z.optional(preheader),
    html: templateSource('Email body, HTML (the layout with footer is added around it).', { max: 100_000 }),
    text: templateSource('Plain-text body for mail apps that do not show HTML.', { max: 50_000 }),
  });

  return {
    templateVersion,
    /** rules/templates/<template-id>/<locale>.json: the parts of a template that are not its bodies. */
    templateSubjectFile: z.strictObject({
      $schema: z.optional(z.string()),
      subject,
      preheader: z.optional(preheader),
    }),
    /** Template id -> locale -> version. */
    templates: z.record(slug(), z.record(localeTag(), templateVersion)),
  };
});
type TemplateSchemas = ReturnType<typeof templateSchemas>;

export type TemplateVersion = z.infer<TemplateSchemas['templateVersion']>;
export type Templates = z.infer<TemplateSchemas['templates']>;
