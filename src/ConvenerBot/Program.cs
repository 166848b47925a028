using ConvenerBot;
using ConvenerBot.Core;
using ConvenerBot.LocalChat;
using ConvenerBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var verb = Verb.Parse(args);
if (verb.Name is Verb.Help or Verb.Unknown)
{
    (verb.Name is Verb.Help ? Console.Out : Console.Error).Write(Verb.Usage);
    return verb.Name is Verb.Help ? 0 : 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = verb.HostArgs, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables(prefix: "CONVENERBOT__");
builder.Services.AddConvenerCore();
builder.Services.AddConvenerStorage();
builder.Services.AddConvenerHost(builder.Logging);
if (verb.Name is Verb.Run)
{
    builder.Services.AddLocalChat();
}

using var host = builder.Build();
return await Startup.RunAsync(host, verb);
