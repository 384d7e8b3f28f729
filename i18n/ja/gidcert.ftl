# gidcert – 日本語メッセージ。
# Sections are owned by the module named in their header; keep keys in the same order as en/.

## ---- common ----------------------------------------------------------------------------------
label-error = エラー
label-hint = 対処
err-no-config-dir = このユーザーの設定フォルダーが見つかりません。
rec-config = 設定ファイル（`gidcert config path` で場所を確認）を見直すか、削除してください。
err-config-read = 設定ファイル { $path } を読めません: { $error }
err-config-parse = 設定ファイル { $path } の内容が正しくありません: { $error }

## ---- input and PINs (src/input.rs, src/pin.rs) --------------------------------------------
err-no-terminal = PINコードが必要ですが、入力を求める端末がありません。
rec-no-terminal = --pin-stdin（標準入力の1行目にPINコード）または --pin-file PATH を指定してください。
err-cancelled = 中止しました。
err-missing-pin-line = { $source } からPINコードが { $needed } 行必要ですが、{ $got } 行しかありません。
rec-missing-pin-line = 1行に1つずつPINコードを書いてください。change-pin では古いPINコード、新しいPINコードの順です。
err-read-pin = { $source } からPINコードを読めません: { $error }
err-pin-input-too-large = { $source } はPINコードのファイルとしては大きすぎます。
rec-read-pin = PINコードを入れたファイルまたはパイプを確認してください。
err-pin-mismatch = 新しいPINコードと確認入力が一致しません。
rec-pin-mismatch = 同じ新しいPINコードを2回入力してください。
rec-pin-rule = 新しいPINコードは4～16桁で、英字(小文字)と数字だけが使えます。
pin-rule-empty = 新しいPINコードが入力されていません。
pin-rule-too-short = 新しいPINコードが { $len } 桁です。4桁以上にしてください。
pin-rule-too-long = 新しいPINコードが { $len } 桁です。16桁以下にしてください。
pin-rule-upper-case = 新しいPINコードに英大文字が含まれています。英字(小文字)と数字だけが使えます。
pin-rule-full-width = 新しいPINコードに全角文字が含まれています。半角の英字(小文字)と数字で入力してください。
pin-rule-space = 新しいPINコードに空白が含まれています。
pin-rule-other = 新しいPINコードに英字(小文字)と数字以外の文字が含まれています。
prompt-pin = PINコード
prompt-old-pin = 古いPINコード
prompt-new-pin = 新しいPINコード（英字(小文字)と数字で4～16桁）
prompt-new-pin-again = 新しいPINコード（確認）

## ---- files (src/fsutil.rs) ------------------------------------------------------------------
err-fs-no-folder = フォルダー { $path } がありません。
rec-fs-no-folder = 存在するフォルダーを指定してください（USBメモリは差し込まれていますか）。
err-fs-not-a-folder = { $path } はフォルダーではありません。
err-fs-read-only = { $path } に書き込めません。読み取り専用か、権限がありません。
rec-fs-read-only = 別のフォルダーを指定するか、USBメモリの書き込み禁止スイッチを確認してください。
err-fs-disk-full = { $path } のドライブに空き容量がありません。
rec-fs-disk-full = 空き容量を確保するか、別のドライブを指定してください。
err-fs-exists = { $path } は既にあります。上書きしていません。
rec-fs-exists = 別の名前を指定するか、置き換えるときは --force を指定してください。
err-fs-not-found = ファイル { $path } がありません。
rec-fs-not-found = パスを確認してください。`gidcert scan` で電子証明書ファイルを探せます。
err-fs-too-large = { $path } は { $len } バイトあり、電子証明書ファイルとしては大きすぎます。
rec-fs-too-large = 数キロバイトの電子証明書ファイル（.p12）を指定しているか確認してください。
err-fs-verify = { $path } に書き込んだ内容を読み返すと一致しませんでした。このファイルは残していません。
err-fs-write = { $path } に書き込めません: { $error }
rec-fs-write = 何も置き換えていません。ドライブ（取り外されていないか）を確認して、もう一度実行してください。
err-fs-read = { $path } を読めません: { $error }

## ---- keystore (src/keystore/) ---------------------------------------------------------------

## ---- certificate view and show (src/certview.rs, src/commands/show.rs) ----------------------

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------
err-dl-no-server = ダウンロードサーバーが設定されていません。
rec-dl-server = --server URL でサーバーのアドレスを指定するか、環境変数 GIDCERT_SERVER を設定するか、設定ファイルに server = "https://…" を書いてください（場所は `gidcert config path` で確認できます）。
err-dl-bad-url = サーバーのアドレス { $url } は使用できるURLではありません（https://ホスト[:ポート][/パス]）。
err-dl-insecure-url = サーバーのアドレス { $url } はHTTPSではありません。http:// はこのコンピューター（ループバック）宛てにのみ使用できます。
rec-dl-insecure-url = ダウンロードサーバーの https:// のアドレスを使用してください。
err-dl-ca-cert = CA証明書ファイル { $path } を使用できません：{ $reason }
err-dl-ca-cert-empty = PEM形式の証明書が含まれていません
rec-dl-ca-cert = サーバーのCA証明書を含むPEMファイル（-----BEGIN CERTIFICATE-----）を指定してください。
err-dl-setup = HTTPS通信の準備ができませんでした：{ $reason }
err-dl-bad-id = 識別番号は1～32文字の半角英数字です。
rec-dl-bad-id = 「識別番号及びPINコードのお知らせ」に記載された識別番号をそのまま入力してください。
err-dl-wrong-credentials = 識別番号またはPINコードが正しくありません。あと { $attempts } 回誤ると、識別番号が60分間ロックされます。
err-dl-wrong-credentials-unknown = 識別番号またはPINコードが正しくありません。
rec-dl-wrong-credentials = 「識別番号及びPINコードのお知らせ」と照らし合わせてください（半角文字、空白なし）。推測で入力しないでください。誤りが続くとロックされます。
err-dl-locked = PINコードの誤りが続いたため、識別番号は { $until } までロックされています。
rec-dl-locked = その時刻を過ぎてから、お知らせに記載されたPINコードで再度お試しください。
err-dl-blocked = ロックが繰り返されたため、識別番号は閉塞されました。
rec-dl-contact-association = 所属の司法書士会の登録担当窓口に連絡し、電子証明書の再発行または閉塞の解除を依頼してください。
err-dl-deleted = 電子証明書ファイルは、最初のダウンロードから1時間後の { $at } にサーバーから削除されました。
rec-dl-deleted = 保存済みであれば、保存した電子証明書ファイルを使用してください。保存していない場合は、所属の司法書士会の登録担当窓口に再発行を依頼してください。
err-dl-revoked = お知らせの発送から30日以内にダウンロードされなかったため、電子証明書は { $at } に失効しました。
err-dl-receipt-mismatch = 受領の通知をした電子証明書ファイルは、サーバーが保持しているものと一致しません。
rec-dl-receipt-mismatch = `gidcert show` で保存した電子証明書ファイルを確認してください。ファイル自体は問題ない場合があります。
err-dl-rate-limited = サーバーが現在リクエストを受け付けていません。{ $seconds } 秒待つよう求めています。
err-dl-rate-limited-unknown = リクエストが多すぎるため、サーバーが現在リクエストを受け付けていません。
err-dl-server-failure = サーバーでエラーが発生しました（HTTP { $status }、{ $attempts } 回試行）。
err-dl-server-failure-later = サーバーでエラーが発生しました（HTTP { $status }）。{ $seconds } 秒待つよう求めています。
rec-dl-try-later = 数分後に再度お試しください。何も保存されていません。
err-dl-refused = サーバーがリクエストを拒否しました（HTTP { $status }、{ $problem }）。
rec-dl-bad-answer = 何も保存されていません。再度お試しください。繰り返し発生する場合は -v の出力を添えて報告してください。
err-dl-tls-unknown-ca = サーバーの証明書が信頼できる認証局から発行されていないため、接続を中止しました。（{ $detail }）
rec-dl-tls-unknown-ca = サーバーのアドレスを確認してください。このサーバー用のCA証明書を司法書士会から受け取っている場合は、--ca-cert PEM で指定してください。
err-dl-tls-wrong-host = サーバーの証明書がこのホスト名に対して発行されていないため、接続を中止しました。（{ $detail }）
err-dl-tls-expired = サーバーの証明書が有効期間外のため、接続を中止しました。（{ $detail }）
err-dl-tls-other = サーバーとの暗号化通信（TLS）に失敗しました。（{ $detail }）
rec-dl-tls = サーバーのアドレスと、このコンピューターの日付・時刻を確認してください。PINコードを守るための確認ですので、回避しないでください。
err-dl-timeout = サーバーから時間内に応答がありませんでした（{ $attempts } 回試行）。
err-dl-connect = サーバーに接続できませんでした：{ $detail }
err-dl-broken = ダウンロード中に接続が切れました（{ $attempts } 回試行）：{ $detail }
rec-dl-network = ネットワーク接続（プロキシを使用している場合は HTTPS_PROXY、NO_PROXY も）を確認し、再度お試しください。何も保存されていません。
err-dl-content-type = サーバーが電子証明書ファイル（application/pkcs12）ではなく「{ $got }」を送信しました。何も保存されていません。
err-dl-no-length = サーバーの応答に Content-Length がありません。何も保存されていません。
err-dl-length-mismatch = サーバーは { $announced } バイトと通知しましたが、{ $got } バイトしか届きませんでした。ファイルが不完全です。何も保存されていません。
err-dl-too-large = サーバーの応答は { $len } バイトで、電子証明書ファイルとしては大きすぎます。何も保存されていません。
err-dl-no-digest = サーバーの応答に有効なSHA-256ダイジェスト（Repr-Digest）がありません。何も保存されていません。
err-dl-digest-mismatch = ダウンロードしたファイルがサーバーのSHA-256ダイジェストと一致しません。通信中に破損しています。何も保存されていません。
err-dl-no-delete-at = サーバーの応答に削除予定時刻（Gid-Delete-At）がありません。何も保存されていません。
err-dl-bad-delete-at = サーバーの削除予定時刻（Gid-Delete-At）が正しい時刻ではありません。何も保存されていません。
err-dl-malformed-problem = サーバーが有効なエラー内容なしに HTTP { $status } を返しました。
err-dl-unexpected-status = サーバーがここでは認められていない HTTP { $status } を返しました。

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
