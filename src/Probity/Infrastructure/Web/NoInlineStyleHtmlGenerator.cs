using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Probity.Infrastructure.Web;

/// <summary>
/// MVC's HTML generator, except that a validation summary with nothing to say is not written at all. MVC writes it as
/// an empty list with <c>&lt;li style="display:none"&gt;</c>, an inline style the Content Security Policy
/// (style-src 'self') blocks: the browser then showed the empty item's bullet, a red dot on every form, and reported a
/// violation on every page with a form.
/// </summary>
internal sealed class NoInlineStyleHtmlGenerator(
    IAntiforgery antiforgery, IOptions<MvcViewOptions> options, IModelMetadataProvider metadata, IUrlHelperFactory urls,
    HtmlEncoder encoder, ValidationHtmlAttributeProvider validationAttributes)
    : DefaultHtmlGenerator(antiforgery, options, metadata, urls, encoder, validationAttributes)
{
    public override TagBuilder? GenerateValidationSummary(ViewContext viewContext, bool excludePropertyErrors, string? message, string? headerTag, object? htmlAttributes)
    {
        var state = viewContext.ViewData.ModelState;
        var anything = excludePropertyErrors
            ? state.TryGetValue(viewContext.ViewData.TemplateInfo.HtmlFieldPrefix, out var model) && model.Errors.Count > 0
            : state.ErrorCount > 0;
        return anything ? base.GenerateValidationSummary(viewContext, excludePropertyErrors, message, headerTag, htmlAttributes) : null;
    }
}
