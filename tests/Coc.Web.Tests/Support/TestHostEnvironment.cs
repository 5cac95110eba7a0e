using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Coc.Web.Tests.Support;

/// <summary>A host environment rooted at a test folder, for services that read <see cref="IHostEnvironment.ContentRootPath"/>.</summary>
internal sealed class TestHostEnvironment(string root) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Test";

    public string ApplicationName { get; set; } = "Coc.Web.Tests";

    public string ContentRootPath { get; set; } = root;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
