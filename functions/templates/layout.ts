/**
 * The frame around every HTML email: a single 600px column of tables with inline styles, which
 * renders in every mail app, plus the footer with the postal address and unsubscribe link that
 * anti-spam laws require, so no template can forget them. Values are escaped by the renderer;
 * only `body` (the already rendered template) is inserted raw.
 */
export const htmlLayout = `<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
{{#preheader}}<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">{{preheader}}</div>{{/preheader}}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border-radius:8px;">
<tr><td style="padding:32px 28px;font-family:-apple-system,'Segoe UI',Helvetica,Arial,'PingFang SC','Microsoft YaHei',sans-serif;font-size:16px;line-height:1.6;color:#18181b;">
{{{body}}}
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;">
<tr><td style="padding:16px 28px;font-family:Helvetica,Arial,'PingFang SC','Microsoft YaHei',sans-serif;font-size:12px;line-height:1.5;color:#71717a;text-align:center;">
<p style="margin:0 0 8px;">{{footerReason}}</p>
<p style="margin:0 0 8px;">{{sender.postalAddress}}</p>
<p style="margin:0;"><a href="{{unsubscribeUrl}}" style="color:#71717a;text-decoration:underline;">{{unsubscribe}}</a></p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

export const textFooter = `

--
{{footerReason}}
{{sender.postalAddress}}
{{unsubscribe}}: {{unsubscribeUrl}}
`;
