using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Coc.Web.Security;

/// <summary>
/// The accounts and tokens in force: those validated at start, replaced on each configuration reload that
/// validates. Read here rather than through IOptionsMonitor, whose value throws once a reload fails validation:
/// a typo in one account must not lock every screen and officer out. An edit that does not validate is logged
/// and changes nothing (as for Coc:Wall:Screens).
/// </summary>
public sealed class AuthSettings : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly IEnumerable<IPostConfigureOptions<AuthOptions>> _postConfigures;
    private readonly ILogger<AuthSettings> _logger;
    private readonly IDisposable _onReload;
    private AuthOptions _current;

    public AuthSettings(IOptions<AuthOptions> start, IConfiguration configuration, IEnumerable<IPostConfigureOptions<AuthOptions>> postConfigures, ILogger<AuthSettings> logger)
    {
        _configuration = configuration;
        _postConfigures = postConfigures;
        _logger = logger;
        _current = start.Value;
        _onReload = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public AuthOptions Current => Volatile.Read(ref _current);

    private void Reload()
    {
        var options = new AuthOptions();
        try
        {
            _configuration.GetSection(AuthOptions.Section).Bind(options);
            foreach (var postConfigure in _postConfigures)
            {
                postConfigure.PostConfigure(Options.DefaultName, options);
            }
        }
        catch (InvalidOperationException e) // a value of the wrong type, e.g. "Revoked": "ya"
        {
            _logger.LogError("Coc:Auth edit refused, the previous accounts and screen tokens stay in force: {Error}", e.Message);
            return;
        }
        var result = new AuthOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            _logger.LogError("Coc:Auth edit refused, the previous accounts and screen tokens stay in force: {Errors}", result.FailureMessage);
            return;
        }
        Volatile.Write(ref _current, options);
    }

    public void Dispose() => _onReload.Dispose();
}
