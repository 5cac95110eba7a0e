using Coc.Ingest;
using Coc.Simulator;
using Coc.Storage;
using Coc.Web;
using Coc.Web.Cluster;
using Coc.Web.Security;

if (args is ["hash-password", ..])
{
    return PasswordHashCommand.Run(Console.In, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
// `dotnet run` serves package assets (MudBlazor, Plotly, blazor.web.js) from the build output in
// every environment, not only Development; a published app ignores this and uses wwwroot.
builder.WebHost.UseStaticWebAssets();

builder.AddCocStorage();
builder.AddCocIngest();
builder.AddCocSimulator();
builder.AddCocWeb();
builder.AddCocCluster();
builder.AddCocSecurity();

var app = builder.Build();
app.MapCocWeb();
app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
