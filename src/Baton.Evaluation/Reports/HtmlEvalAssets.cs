namespace Baton.Evaluation.Reports;

/// <summary>The evaluation report's inline style sheet and script (no fonts, images or requests from elsewhere).</summary>
internal static class HtmlEvalAssets
{
    public const string Css = """
        :root{--fg:#1d2433;--muted:#667085;--line:#d0d5dd;--bg:#f8f9fb;--ok:#067647;--warn:#b54708;--bad:#b42318;--okbg:#dcfae6;--badbg:#fee4e2;--warnbg:#fffaeb}
        *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
        header,main{max-width:1200px;margin:0 auto;padding:12px 20px}h1{font-size:20px;margin:8px 0}h2{font-size:16px;margin:0 0 8px}
        .muted,.meta{color:var(--muted)}.big{font-size:28px;font-weight:700}.figures{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0}
        .figure{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 12px;min-width:150px}.figure .label{color:var(--muted);font-size:12px}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px;margin:0 0 14px}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaecf0;vertical-align:top}
        th{font-size:12px;color:var(--muted);font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        tr.weakest td{background:var(--warnbg)}.callout{background:var(--warnbg);border-radius:6px;padding:8px 10px;margin:0 0 10px}
        .badge{font-size:12px;padding:1px 8px;border-radius:10px;background:#eef;white-space:nowrap}.passed{background:var(--okbg);color:var(--ok)}
        .failed{background:var(--badbg);color:var(--bad)}.error{background:var(--warnbg);color:var(--warn)}.not_evaluated{background:#f2f4f7;color:var(--muted)}
        .rehearsal{background:var(--warnbg);color:var(--warn);font-weight:600}code{font:12px ui-monospace,Menlo,Consolas,monospace}
        pre{white-space:pre-wrap;word-break:break-word;background:#f2f4f7;border-radius:6px;padding:8px;margin:4px 0;max-height:300px;overflow:auto;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
        ul.exp{margin:4px 0;padding-left:18px}.filters button{font:inherit;padding:2px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer;margin-right:4px}
        .filters button.on{background:var(--fg);color:#fff}.bar{display:inline-block;height:8px;background:var(--warn);border-radius:4px;vertical-align:middle}
        details summary{cursor:pointer}
        """;

    public const string Script = """
        (function () {
          var buttons = document.querySelectorAll('.filters button');
          buttons.forEach(function (button) {
            button.addEventListener('click', function () {
              var want = button.getAttribute('data-filter');
              buttons.forEach(function (b) { b.classList.toggle('on', b === button); });
              document.querySelectorAll('#runs tbody tr').forEach(function (row) {
                row.hidden = want !== 'all' && row.getAttribute('data-outcome') !== want;
              });
            });
          });
        })();
        """;
}
