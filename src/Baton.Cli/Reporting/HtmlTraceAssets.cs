namespace Baton.Cli.Reporting;

/// <summary>The trace page's inline style sheet and script (no external fonts, images or requests).</summary>
internal static class HtmlTraceAssets
{
    public const string Css = """
        :root{--fg:#1d2433;--muted:#667085;--line:#d0d5dd;--bg:#f8f9fb;--ok:#067647;--warn:#b54708;--bad:#b42318}
        *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
        header,main,nav{max-width:1200px;margin:0 auto;padding:12px 20px}h1{font-size:20px;margin:8px 0}h2{font-size:16px;margin:0 0 8px}
        h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:0 0 6px}h4{font-size:13px;margin:6px 0}
        .meta,.generated,.muted{color:var(--muted)}dl{display:grid;grid-template-columns:110px 1fr;gap:2px 12px;margin:8px 0}dt{color:var(--muted)}dd{margin:0}
        .status{font-size:12px;padding:2px 8px;border-radius:10px;background:#eef;vertical-align:middle}.s-Completed{background:#dcfae6;color:var(--ok)}
        .s-Failed,.s-Cancelled{background:#fee4e2;color:var(--bad)}.timeline{margin:0;padding-left:20px}.timeline li{margin:2px 0}
        .badge{color:var(--muted);font-size:12px}.step,.end{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px;margin:0 0 14px}
        .pair{display:grid;grid-template-columns:1fr 1fr;gap:14px}@media (max-width:800px){.pair{grid-template-columns:1fr}}
        .col{min-width:0}pre{white-space:pre-wrap;word-break:break-word;background:#f2f4f7;border-radius:6px;padding:8px;margin:4px 0;max-height:360px;overflow:auto;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
        details summary{cursor:pointer;color:var(--muted)}.ok{color:var(--ok);font-weight:600}.warn{color:var(--warn);font-weight:600}
        .outcome{font-size:12px;color:var(--muted)}.recorded{margin:8px 0 0}.note{background:#fffaeb;padding:6px 8px;border-radius:6px}
        .s-AwaitingInput{background:#fffaeb;color:var(--warn)}.input{border-left:3px solid var(--warn);padding-left:8px}.question{font-weight:600;margin:4px 0}
        button{font:inherit;padding:2px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
        """;

    public const string Script = """
        (function () {
          var button = document.getElementById('toggle');
          var open = false;
          button.addEventListener('click', function () {
            open = !open;
            document.querySelectorAll('details').forEach(function (d) { d.open = open; });
            button.textContent = open ? 'Collapse all' : 'Expand all';
          });
        })();
        """;
}
