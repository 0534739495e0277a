/// Headless Chromium, as the browser check runs it (installed by build.sh when absent).
module AgentTokens.Tests.Chromium

open System
open System.Diagnostics
open System.IO

/// The Chromium executable, or None.
let executable =
    [ "/usr/bin/chromium"; "/usr/bin/chromium-browser"; "/usr/bin/google-chrome" ] |> List.tryFind File.Exists

/// Runs headless Chromium on a local file with extra arguments; returns stdout. Fails after 90 s.
let run (extra: string list) (file: string) =
    let exe =
        match executable with
        | Some e -> e
        | None -> failwith "Chromium is not installed: run ./build.sh test, which installs it (apt-get install chromium)"
    let profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName
    let info = ProcessStartInfo(exe, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
    // Chromium keeps crash reports and caches under the XDG folders whatever --user-data-dir says: keep them in the profile.
    for variable, folder in [ "XDG_CONFIG_HOME", "config"; "XDG_CACHE_HOME", "cache"; "XDG_DATA_HOME", "data" ] do
        info.Environment.[variable] <- Path.Combine(profile, folder)
    for a in [ "--headless"; "--no-sandbox"; "--disable-gpu"; "--disable-quic"; "--no-first-run"; "--disable-background-networking"
               "--disable-component-update"; "--disable-sync"; "--user-data-dir=" + profile; "--window-size=1300,5600"; "--virtual-time-budget=10000" ] @ extra
             @ [ Uri(Path.GetFullPath file).AbsoluteUri ] do
        info.ArgumentList.Add a
    use p = Process.Start info
    let stdout = p.StandardOutput.ReadToEndAsync()
    let _ = p.StandardError.ReadToEndAsync()
    if not (p.WaitForExit 90_000) then
        p.Kill true
        failwith "Chromium did not finish within 90 s"
    try Directory.Delete(profile, true) with _ -> ()
    stdout.Result
